pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The attract screen: the exhibit's title over slowly drifting highlight images and an
// invitation that alternates between the exhibit's languages. A touch anywhere enters.
Item {
    id: welcome
    objectName: "welcomeScreen"

    readonly property var nav: Backend.nav
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    property int slide: 0
    property int promptIndex: 0
    readonly property var images: nav.attractImages
    readonly property bool live: visible && nav.animate

    Accessible.role: Accessible.Button
    Accessible.name: nav.title + ". " + nav.attractPrompts.join(" / ")
    Accessible.onPressAction: nav.enter()

    Rectangle { anchors.fill: parent; color: welcome.theme.background }

    // Pictures cross-fade and drift; nothing stays still for hours (burn-in). The drift
    // moves a few pixels a second, so it is stepped five times a second rather than
    // redrawn at the display's 60 Hz: a software-rendered kiosk idles at a few percent
    // of a core instead of most of one.
    property real drift: 0  // seconds of drift, advanced by the stepper below
    Timer {
        interval: 200; repeat: true; running: welcome.live
        onTriggered: welcome.drift += 0.2
    }

    Repeater {
        model: welcome.images
        delegate: Item {
            id: layer
            required property string modelData
            required property int index
            readonly property int count: Math.max(1, welcome.images.length)
            readonly property bool shown: index === welcome.slide % count
            // Only the picture on screen and the next one are decoded, and none while the
            // welcome screen is hidden.
            readonly property bool needed: welcome.visible
                && (shown || index === (welcome.slide + 1) % count)
            anchors.fill: parent
            opacity: shown ? 0.8 : 0
            Behavior on opacity {
                enabled: welcome.nav.animate
                NumberAnimation { duration: 2000; easing.type: Easing.InOutSine }
            }
            visible: opacity > 0
            Image {
                id: attractImage
                anchors.centerIn: parent
                width: parent.width * 1.15
                height: parent.height * 1.15
                readonly property var picture: Backend.decoder.picture(
                    attractImage, layer.needed ? layer.modelData : "",
                    Math.ceil(width), Math.ceil(height),
                    fillMode === Image.PreserveAspectCrop, Backend.decoder.revision)
                readonly property bool pictureLoading: picture.loading
                source: picture.url
                asynchronous: false
                cache: false
                // A landscape picture on a portrait screen is shown whole, not as a sliver.
                fillMode: welcome.height > welcome.width ? Image.PreserveAspectFit : Image.PreserveAspectCrop
                scale: 1.06 + 0.06 * Math.sin(welcome.drift * 2 * Math.PI / 48)
                anchors.horizontalCenterOffset: layer.width * 0.03 * Math.sin(welcome.drift * 2 * Math.PI / 60)
            }
        }
    }

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            // Clear at the top, where the picture is; nearly opaque under the words.
            GradientStop { position: 0.0; color: Qt.alpha(welcome.theme.background, 0.05) }
            GradientStop { position: 0.35; color: Qt.alpha(welcome.theme.background, 0.35) }
            GradientStop { position: 0.55; color: Qt.alpha(welcome.theme.background, 0.93) }
            GradientStop { position: 1.0; color: Qt.alpha(welcome.theme.background, 1.0) }
        }
    }

    Timer {
        interval: 12000; repeat: true; running: welcome.live
        onTriggered: welcome.slide += 1
    }
    Timer {
        interval: 4000; repeat: true; running: welcome.live
        onTriggered: welcome.promptIndex += 1
    }

    Column {
        id: titles
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: prompt.top
        anchors.bottomMargin: welcome.metrics.mm * 14
        anchors.horizontalCenterOffset: welcome.metrics.mm * 4 * Math.sin(welcome.drift * 2 * Math.PI / 70)
        width: Math.min(parent.width - welcome.metrics.mm * 24, welcome.metrics.body * 36)
        spacing: welcome.metrics.gap

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: welcome.metrics.mm * 30; height: Math.max(2, welcome.metrics.mm * 0.8)
            color: welcome.theme.accent
        }
        Text {
            objectName: "welcomeTitle"
            width: parent.width
            text: welcome.nav.title
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: welcome.theme.text
            font.family: welcome.headingFamily
            font.pixelSize: welcome.metrics.body * 2.6
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: welcome.nav.subtitle
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: welcome.theme.textMuted
            font.pixelSize: welcome.metrics.body * 1.15
        }
    }

    Rectangle {
        id: prompt
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: welcome.metrics.mm * 22 + welcome.metrics.mm * 3 * Math.sin(welcome.drift * 2 * Math.PI / 40)
        anchors.horizontalCenterOffset: welcome.metrics.mm * 4 * Math.sin(welcome.drift * 2 * Math.PI / 70)
        width: promptText.implicitWidth + welcome.metrics.touch
        height: welcome.metrics.touch * 1.2
        radius: height / 2
        color: welcome.theme.accent
        Text {
            id: promptText
            objectName: "attractPrompt"
            anchors.centerIn: parent
            text: welcome.nav.attractPrompts[welcome.promptIndex % welcome.nav.attractPrompts.length]
            textFormat: Text.PlainText
            color: welcome.theme.accentText
            font.pixelSize: welcome.metrics.body * 1.2
            font.weight: Font.Bold
        }
    }

    Text {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: prompt.bottom
        anchors.topMargin: welcome.metrics.gap
        text: welcome.nav.attractPrompts.filter((p, i) => i !== welcome.promptIndex % welcome.nav.attractPrompts.length).join("  ·  ")
        textFormat: Text.PlainText
        color: welcome.theme.textMuted
        font.pixelSize: welcome.metrics.body * 0.9
    }

    VisitorTap {
        onTapped: welcome.nav.enter()
    }
}

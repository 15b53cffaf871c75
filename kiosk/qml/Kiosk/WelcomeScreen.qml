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

    // Two layers cross-fade; each drifts and grows slowly so nothing stays still for hours.
    Repeater {
        model: welcome.images
        delegate: Item {
            id: layer
            required property string modelData
            required property int index
            anchors.fill: parent
            opacity: index === welcome.slide % Math.max(1, welcome.images.length) ? 0.8 : 0
            Behavior on opacity { NumberAnimation { duration: 2500; easing.type: Easing.InOutSine } }
            visible: opacity > 0
            Image {
                id: picture
                anchors.centerIn: parent
                width: parent.width * 1.15
                height: parent.height * 1.15
                source: layer.modelData
                asynchronous: true
                // A landscape picture on a portrait screen is shown whole, not as a sliver.
                fillMode: welcome.height > welcome.width ? Image.PreserveAspectFit : Image.PreserveAspectCrop
                sourceSize.width: Math.ceil(width)
                sourceSize.height: Math.ceil(height)
                scale: 1.0
                NumberAnimation on scale {
                    running: welcome.live && layer.visible
                    from: 1.0; to: 1.12; duration: 24000
                    loops: Animation.Infinite; easing.type: Easing.InOutSine
                }
                NumberAnimation on x {
                    running: welcome.live && layer.visible
                    from: -layer.width * 0.06; to: layer.width * 0.0; duration: 30000
                    loops: Animation.Infinite; easing.type: Easing.InOutSine
                }
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
        interval: 9000; repeat: true; running: welcome.live
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
        anchors.bottomMargin: welcome.metrics.mm * 22
        width: promptText.implicitWidth + welcome.metrics.touch
        height: welcome.metrics.touch * 1.2
        radius: height / 2
        color: welcome.theme.accent
        SequentialAnimation on scale {
            running: welcome.live
            loops: Animation.Infinite
            NumberAnimation { to: 1.05; duration: 1400; easing.type: Easing.InOutSine }
            NumberAnimation { to: 1.0; duration: 1400; easing.type: Easing.InOutSine }
        }
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

    TapHandler {
        onTapped: welcome.nav.enter()
    }
}

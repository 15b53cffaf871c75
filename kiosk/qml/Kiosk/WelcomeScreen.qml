pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The attract screen: highlight pictures shown whole and drifting gently above the
// exhibit's title, a button for each of its languages, and an invitation that alternates
// between them. A touch on a language enters in it; a touch anywhere else enters in the
// language the invitation is shown in at that moment.
Item {
    id: welcome
    objectName: "welcomeScreen"

    readonly property Navigator nav: Backend.nav
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    readonly property bool portrait: height > width
    property int slide: 0
    property int promptIndex: 0
    readonly property int shownPrompt: promptIndex % Math.max(1, nav.attractPrompts.length)
    readonly property var images: nav.attractImages
    readonly property bool live: visible && nav.animate
    readonly property real pad: metrics.gap * 1.5

    Accessible.role: Accessible.Button
    Accessible.name: nav.title + ". " + nav.attractPrompts.join(" / ")
    Accessible.onPressAction: nav.enter()

    Rectangle { anchors.fill: parent; color: welcome.theme.background }

    // Beneath everything else, so the language buttons take their own touches: a touch
    // anywhere else enters in the language the invitation is shown in now.
    Item {
        anchors.fill: parent
        VisitorTap {
            onTapped: welcome.nav.enterIn(welcome.nav.attractLanguages[welcome.shownPrompt])
        }
    }

    // Nothing stays still for hours (burn-in): the pictures cross-fade and drift a few
    // pixels a second, stepped five times a second rather than redrawn at 60 Hz, so a
    // software-rendered kiosk idles at a few percent of a core.
    property real drift: 0  // seconds of drift, advanced by the stepper below
    Timer {
        interval: 200; repeat: true; running: welcome.live
        onTriggered: welcome.drift += 0.2
    }
    Timer {
        interval: 12000; repeat: true; running: welcome.live
        onTriggered: welcome.slide += 1
    }
    Timer {
        interval: 4000; repeat: true; running: welcome.live
        onTriggered: welcome.promptIndex += 1
    }

    // --- the pictures: whole, in their own part of the screen, never under the words ---
    Item {
        id: stage
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: words.top }
        anchors.margins: welcome.pad * 0.5
        // In portrait the picture at its own shape, centred with the words below it.
        anchors.topMargin: welcome.portrait
            ? Math.max(welcome.pad * 0.5, (welcome.height - words.height - welcome.width * 0.7) / 2)
            : welcome.pad * 0.5
        Repeater {
            model: welcome.images
            delegate: Item {
                id: slideItem
                required property var modelData  // {source, alt}
                required property int index
                readonly property int count: Math.max(1, welcome.images.length)
                readonly property bool shown: index === welcome.slide % count
                // Only the picture on screen and the next one are decoded, and none while
                // the welcome screen is hidden.
                readonly property bool needed: welcome.visible
                    && (shown || index === (welcome.slide + 1) % count)
                anchors.fill: parent
                opacity: shown ? 1 : 0
                Behavior on opacity {
                    enabled: welcome.nav.animate
                    NumberAnimation { duration: 2000; easing.type: Easing.InOutSine }
                }
                visible: opacity > 0
                ExhibitImage {
                    objectName: "attractImage"
                    // Inset by what the drift can move it, so no edge of the picture is cut.
                    anchors.fill: parent
                    anchors.margins: welcome.metrics.mm * 2
                    source: slideItem.needed ? slideItem.modelData.source : ""
                    alt: slideItem.modelData.alt
                    scale: 1.0 + 0.02 * Math.sin(welcome.drift * 2 * Math.PI / 48)
                    anchors.horizontalCenterOffset: welcome.metrics.mm * 3 * Math.sin(welcome.drift * 2 * Math.PI / 60)
                }
            }
        }
    }

    // --- the words, the languages and the invitation ---------------------------------
    Column {
        id: words
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: (welcome.portrait ? stage.anchors.topMargin : welcome.pad)
                              + welcome.metrics.mm * 2 * (1 + Math.sin(welcome.drift * 2 * Math.PI / 40))
        anchors.horizontalCenterOffset: welcome.metrics.mm * 3 * Math.sin(welcome.drift * 2 * Math.PI / 70)
        width: Math.min(parent.width - welcome.pad * 2, welcome.metrics.body * 34)
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
            font.pixelSize: welcome.metrics.body * 2.2
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
            font.pixelSize: welcome.metrics.body * 1.1
        }
        Item { width: 1; height: welcome.metrics.gap * 0.5 }
        Text {
            objectName: "attractPrompt"
            width: parent.width
            text: welcome.nav.attractPrompts[welcome.shownPrompt]
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: welcome.theme.accent
            font.pixelSize: welcome.metrics.body * 1.2
            font.weight: Font.Bold
        }
        Row {
            objectName: "languageChoices"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: welcome.nav.languageChoices.length > 1
            spacing: welcome.metrics.gap
            Repeater {
                model: welcome.nav.languageChoices
                delegate: KioskButton {
                    required property var modelData
                    required property int index
                    objectName: "chooseLanguage-" + modelData.code
                    height: welcome.metrics.touch * 1.1
                    width: Math.max(implicitWidth, welcome.metrics.touch * 3)
                    textSize: welcome.metrics.body * 1.1
                    text: modelData.name
                    primary: welcome.nav.attractLanguages[welcome.shownPrompt] === modelData.code
                    onActivated: welcome.nav.chooseLanguage(modelData.code)
                }
            }
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// "Are you still there?": shown after a spell with no input, with a countdown and a big
// button. Any touch anywhere dismisses it (the idle monitor sees the touch first).
Rectangle {
    id: prompt
    objectName: "idlePrompt"
    readonly property Navigator nav: Backend.nav
    readonly property IdleMonitor idle: Backend.idle
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    readonly property bool shown: idle !== null && idle.promptVisible

    color: Qt.alpha(theme.background, 0.88)
    visible: opacity > 0
    opacity: shown ? 1 : 0
    Behavior on opacity { enabled: prompt.nav.animate; NumberAnimation { duration: 250 } }
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Are you still there?")

    // Takes the touch that dismisses the prompt (the idle monitor hides the prompt only
    // after it has been delivered), so nothing underneath reacts to it.
    MouseArea { anchors.fill: parent; enabled: prompt.shown }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - prompt.metrics.gap * 4, prompt.metrics.body * 24)
        height: box.height + prompt.metrics.touch
        radius: prompt.metrics.mm * 4
        color: prompt.theme.surfaceRaised
        Column {
            id: box
            anchors.centerIn: parent
            width: parent.width - prompt.metrics.touch
            spacing: prompt.metrics.gap * 1.5
            Text {
                objectName: "stillThereText"
                width: parent.width
                text: qsTr("Are you still there?")
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                color: prompt.theme.text
                font.family: prompt.headingFamily
                font.pixelSize: prompt.metrics.body * 1.8
                font.weight: Font.Bold
            }
            Text {
                objectName: "countdownText"
                width: parent.width
                //: The countdown to the idle reset, in seconds
                text: qsTr("Starting over in %1 s").arg(prompt.idle !== null ? prompt.idle.secondsLeft : 0)
                textFormat: Text.PlainText
                horizontalAlignment: Text.AlignHCenter
                color: prompt.theme.textMuted
                font.pixelSize: prompt.metrics.body
            }
            KioskButton {
                objectName: "keepExploringButton"
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: qsTr("Keep exploring")
                onActivated: prompt.idle.poke()
            }
        }
    }
}

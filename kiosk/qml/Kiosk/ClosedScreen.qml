pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// Outside opening hours: a dark screen with the exhibit's title and when it opens next,
// dimmed and slowly drifting so nothing stays lit in one place all night. It covers every
// screen and takes every touch; a touch lights it for a minute (staff at work) and enters
// nothing. Only the staff overlay lies above it.
Rectangle {
    id: closed
    objectName: "closedScreen"
    readonly property Navigator nav: Backend.nav
    readonly property OpeningHours hours: Backend.hours
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    readonly property bool live: visible && nav.animate

    color: "#000000"  // black: a panel left on all night shows nothing where it can

    Accessible.role: Accessible.Pane
    Accessible.name: words.text

    // Takes every touch, so nothing beneath it reacts; the staff corners lie above it.
    MouseArea {
        objectName: "closedTouch"
        anchors.fill: parent
        onPressed: closed.hours.wake()
    }

    // Drift across a good part of the screen over many minutes, stepped once a second.
    property real drift: 0  // seconds of drift
    Timer {
        interval: 1000; repeat: true; running: closed.live
        onTriggered: closed.drift += 1
    }

    Column {
        objectName: "closedWords"
        anchors.centerIn: parent
        anchors.horizontalCenterOffset: (closed.width - width) * 0.3 * Math.sin(closed.drift * 2 * Math.PI / 900)
        anchors.verticalCenterOffset: (closed.height - height) * 0.3 * Math.sin(closed.drift * 2 * Math.PI / 660)
        width: Math.min(closed.width - closed.metrics.gap * 4, closed.metrics.body * 30)
        spacing: closed.metrics.gap
        // Dim while nobody is there; a touch brings the words up to be read.
        opacity: closed.hours.awake ? 1 : 0.4
        Behavior on opacity { enabled: closed.nav.animate; NumberAnimation { duration: 600 } }

        Text {
            objectName: "closedTitle"
            width: parent.width
            text: closed.nav.title
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: closed.theme.textMuted
            font.family: closed.headingFamily
            font.pixelSize: closed.metrics.body * 1.6
            font.weight: Font.Bold
        }
        Text {
            id: words
            objectName: "closedText"
            width: parent.width
            //: On the closed screen: %1 is when it opens next, e.g. "tomorrow at 10:00"
            text: closed.hours.opensAt !== "" ? qsTr("Closed · opens %1").arg(closed.hours.opensAt)
                                              : qsTr("Closed")
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: closed.theme.textMuted
            font.pixelSize: closed.metrics.body * 1.1
        }
    }
}

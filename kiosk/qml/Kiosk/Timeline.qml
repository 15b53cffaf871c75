pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The era timeline, always in reach along the bottom: a tile an era with its years and
// its name (never cut, on at most two lines); the current era is filled. It scrolls
// sideways when the eras don't all fit, with an arrow at the end that goes on.
Item {
    id: timeline
    objectName: "timeline"
    readonly property Navigator nav: Backend.nav
    readonly property ErasModel eras: Backend.eras
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property real textSize: metrics.body * 0.8
    implicitHeight: Math.max(metrics.touch, sizer.implicitHeight * 3 * 0.95 + metrics.mm * 4)
    height: implicitHeight

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Timeline")

    // The height of a line, for the tiles' height: years over a name on two lines.
    Text { id: sizer; visible: false; text: "Ag"; textFormat: Text.PlainText; font.pixelSize: timeline.textSize }

    ListView {
        id: list
        anchors.fill: parent
        orientation: ListView.Horizontal
        spacing: timeline.metrics.mm * 2
        model: timeline.eras
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentWidth > width
        currentIndex: timeline.nav.eraIndex
        highlightFollowsCurrentItem: false
        // The current era in the middle, or the strip at its end: never under a fade.
        onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Center)
        onWidthChanged: positionViewAtIndex(currentIndex, ListView.Center)
        onContentWidthChanged: positionViewAtIndex(currentIndex, ListView.Center)
        readonly property real fitWidth: (width - spacing * (count - 1)) / Math.max(1, count)
        delegate: EraTile {
            objectName: "era-" + index
            width: Math.max(list.fitWidth, implicitWidth)
            height: list.height
            onChosen: timeline.nav.openEra(index)
        }
    }

    // When the eras don't all fit, an arrow at each end says the strip goes on.
    Repeater {
        model: [
            { shown: list.interactive && !list.atXBeginning, atStart: true },
            { shown: list.interactive && !list.atXEnd, atStart: false }
        ]
        delegate: Rectangle {
            id: fade
            required property var modelData
            visible: modelData.shown
            anchors { top: parent.top; bottom: parent.bottom }
            x: modelData.atStart ? 0 : timeline.width - width
            width: timeline.metrics.touch * 0.8
            color: timeline.theme.surface  // solid: a tile half behind it is plainly cut
            Text {
                anchors.verticalCenter: parent.verticalCenter
                anchors.horizontalCenter: parent.horizontalCenter
                text: fade.modelData.atStart ? "\u2039" : "\u203A"
                textFormat: Text.PlainText
                color: timeline.theme.text
                font.pixelSize: timeline.metrics.body * 1.6
                font.weight: Font.Bold
            }
        }
    }
}

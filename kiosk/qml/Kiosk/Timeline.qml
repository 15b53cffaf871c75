pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The era timeline, always in reach along the bottom: years and titles; the current era
// is filled. It scrolls sideways when the eras don't all fit (portrait screens).
Rectangle {
    id: timeline
    objectName: "timeline"
    readonly property var nav: Backend.nav
    readonly property var eras: Backend.eras
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    color: theme.surface
    height: metrics.touch * 1.25 + metrics.gap * 2

    Accessible.role: Accessible.PageTabList
    Accessible.name: nav.ui.timeline

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 1; color: Qt.alpha(timeline.theme.text, 0.12)
    }
    // When the eras don't all fit, a fade at each end shows the strip goes on.
    Rectangle {
        z: 1
        visible: list.interactive && !list.atXBeginning
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: timeline.metrics.touch
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: timeline.theme.surface }
            GradientStop { position: 1; color: Qt.alpha(timeline.theme.surface, 0) }
        }
    }
    Rectangle {
        z: 1
        visible: list.interactive && !list.atXEnd
        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
        width: timeline.metrics.touch
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: Qt.alpha(timeline.theme.surface, 0) }
            GradientStop { position: 1; color: timeline.theme.surface }
        }
    }

    ListView {
        id: list
        anchors.fill: parent
        anchors.margins: timeline.metrics.gap
        orientation: ListView.Horizontal
        spacing: timeline.metrics.gap
        model: timeline.eras
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentWidth > width
        currentIndex: timeline.nav.eraIndex
        highlightFollowsCurrentItem: false
        onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Center)
        readonly property real fitWidth: (width - spacing * (count - 1)) / Math.max(1, count)
        delegate: Rectangle {
            id: chip
            required property int index
            required property string title
            required property string years
            readonly property bool current: index === timeline.nav.eraIndex
            objectName: "era-" + index
            width: Math.max(list.fitWidth, timeline.metrics.touch * 2.2)
            height: list.height
            radius: timeline.metrics.mm * 2
            color: current ? timeline.theme.accent : timeline.theme.surfaceRaised
            border.width: activeFocus ? Math.max(3, timeline.metrics.mm * 1.2) : 0
            border.color: timeline.theme.text
            activeFocusOnTab: true
            Accessible.role: Accessible.PageTab
            Accessible.name: years + " " + title
            Accessible.selected: current
            Accessible.onPressAction: timeline.nav.openEra(index)
            Keys.onReturnPressed: timeline.nav.openEra(index)
            Keys.onEnterPressed: timeline.nav.openEra(index)
            Keys.onSpacePressed: timeline.nav.openEra(index)
            Column {
                anchors.fill: parent
                anchors.margins: timeline.metrics.mm * 2
                spacing: 0
                Text {
                    width: parent.width
                    text: chip.years
                    textFormat: Text.PlainText
                    horizontalAlignment: Text.AlignHCenter
                    font.pixelSize: timeline.metrics.body * 0.8
                    font.weight: Font.Bold
                    color: chip.current ? timeline.theme.accentText : timeline.theme.accent
                }
                Text {
                    width: parent.width
                    text: chip.title
                    textFormat: Text.PlainText
                    horizontalAlignment: Text.AlignHCenter
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.pixelSize: timeline.metrics.body * 0.62
                    color: chip.current ? timeline.theme.accentText : timeline.theme.text
                }
            }
            VisitorTap { onTapped: timeline.nav.openEra(chip.index) }
        }
    }
}

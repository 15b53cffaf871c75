pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// One era as a tile to tap: its years over its name (on at most two lines, never cut);
// the current era is filled.
Rectangle {
    id: tile
    readonly property Navigator nav: Backend.nav
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property bool control: true  // found by the contrast and fit checks
    required property int index
    required property string title
    required property string label
    required property string years
    property real textSize: metrics.body * 0.8
    property color ground: theme.background
    readonly property bool current: index === nav.eraIndex
    signal chosen()

    implicitWidth: Math.max(name.implicitWidth, yearsText.implicitWidth) + metrics.mm * 6
    implicitHeight: Math.max(metrics.touch, column.implicitHeight + metrics.mm * 4)
    radius: metrics.mm * 2
    color: current ? theme.accent : ground
    border.width: activeFocus ? metrics.focusOutline : metrics.outline
    border.color: activeFocus ? theme.text : current ? theme.accent : theme.controlEdge
    activeFocusOnTab: true
    Accessible.role: Accessible.PageTab
    Accessible.name: years + " " + title
    Accessible.selected: current
    Accessible.onPressAction: tile.chosen()
    Keys.onReturnPressed: tile.chosen()
    Keys.onEnterPressed: tile.chosen()
    Keys.onSpacePressed: tile.chosen()

    Column {
        id: column
        anchors.centerIn: parent
        Text {
            id: yearsText
            anchors.horizontalCenter: parent.horizontalCenter
            text: tile.years
            textFormat: Text.PlainText
            font.pixelSize: tile.textSize
            font.weight: Font.Bold
            color: tile.current ? tile.theme.accentText : tile.theme.accent
        }
        Text {
            id: name
            anchors.horizontalCenter: parent.horizontalCenter
            text: tile.label
            textFormat: Text.PlainText
            horizontalAlignment: Text.AlignHCenter
            lineHeight: 0.95
            font.pixelSize: tile.textSize
            color: tile.current ? tile.theme.accentText : tile.theme.text
        }
    }
    VisitorTap { onTapped: tile.chosen() }
}

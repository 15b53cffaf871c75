pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// A touch target of at least 20 mm that also answers Enter/Space from a keypad and shows
// where the keyboard focus is. Every button has an outline that stands out from what is
// behind it; a switched-off one keeps legible words but loses its fill and outline.
Rectangle {
    id: button

    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property bool control: true  // found by the contrast and fit checks
    property string text: ""
    property string icon: ""
    property string accessibleName: text
    property bool primary: false
    property bool current: false
    property bool iconAfter: false  // "Next →" reads forwards
    property real textSize: metrics.body * 0.9
    signal activated()

    implicitHeight: metrics.touch
    implicitWidth: Math.max(metrics.touch, row.implicitWidth + metrics.touch * 0.6)
    radius: height / 2
    color: !enabled ? "transparent"
           : primary ? theme.accent : (current ? theme.surfaceRaised : theme.surface)
    border.width: activeFocus ? metrics.focusOutline : metrics.outline
    border.color: activeFocus ? theme.text
                  : !enabled ? theme.disabledEdge
                  : primary ? theme.accent : theme.controlEdge
    scale: tap.pressed ? 0.96 : 1.0
    activeFocusOnTab: enabled

    Behavior on scale { NumberAnimation { duration: 90 } }

    Accessible.role: Accessible.Button
    Accessible.name: accessibleName
    Accessible.focusable: true
    Accessible.onPressAction: button.activated()

    Keys.onReturnPressed: button.activated()
    Keys.onEnterPressed: button.activated()
    Keys.onSpacePressed: button.activated()

    Row {
        id: row
        anchors.centerIn: parent
        layoutDirection: button.iconAfter ? Qt.RightToLeft : Qt.LeftToRight
        spacing: button.metrics.mm * 2
        Text {
            visible: button.icon !== ""
            text: button.icon
            textFormat: Text.PlainText
            color: label.color
            font.pixelSize: button.textSize * 1.2
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: label
            visible: button.text !== ""
            text: button.text
            textFormat: Text.PlainText
            color: !button.enabled ? button.theme.disabledText
                   : button.primary ? button.theme.accentText : button.theme.text
            font.pixelSize: button.textSize
            font.weight: Font.DemiBold
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    VisitorTap {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.activated()
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// A touch target of at least 20 mm that also answers Enter/Space from a keypad
// and shows where the keyboard focus is.
Rectangle {
    id: button

    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    property string text: ""
    property string icon: ""
    property string accessibleName: text
    property bool primary: false
    property bool current: false
    property bool iconAfter: false  // "Next →" reads forwards
    signal activated()

    implicitHeight: metrics.touch
    implicitWidth: Math.max(metrics.touch, row.implicitWidth + metrics.gap * 1.5)
    radius: height / 2
    color: primary ? theme.accent : (current ? theme.surfaceRaised : theme.surface)
    border.width: activeFocus ? Math.max(3, metrics.mm * 1.2) : 1
    border.color: activeFocus ? theme.accent : Qt.alpha(theme.text, 0.18)
    scale: tap.pressed ? 0.96 : 1.0
    activeFocusOnTab: true

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
        spacing: button.metrics.mm * 2.5
        Text {
            visible: button.icon !== ""
            text: button.icon
            textFormat: Text.PlainText
            color: button.primary ? button.theme.accentText : button.theme.text
            font.pixelSize: button.metrics.body * 1.1
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            visible: button.text !== ""
            text: button.text
            textFormat: Text.PlainText
            color: button.primary ? button.theme.accentText : button.theme.text
            font.pixelSize: button.metrics.body * 0.85
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

import QtQuick
import ExhibitKiosk

// Words too long for the screen: a fade over their last lines says they go on, and a
// button scrolls them. Nothing shows while the words fit, or once they are read to the end.
Item {
    id: more
    required property Flickable scroller
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property bool needed: scroller.contentHeight > scroller.height + 1 && !scroller.atYEnd
    anchors { left: scroller.left; right: scroller.right; bottom: scroller.bottom }
    height: button.height
    visible: needed

    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: more.metrics.touch * 1.5
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.alpha(more.theme.background, 0) }
            GradientStop { position: 0.6; color: more.theme.background }
        }
    }
    KioskButton {
        id: button
        objectName: "moreTextButton"
        anchors { right: parent.right; bottom: parent.bottom }
        icon: "\u2193"
        iconAfter: true
        text: qsTr("More")
        onActivated: more.scroller.contentY = Math.min(more.scroller.contentHeight - more.scroller.height,
                                                    more.scroller.contentY + more.scroller.height * 0.7)
    }
}

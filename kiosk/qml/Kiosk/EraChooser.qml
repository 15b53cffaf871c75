pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// On a screen too small for the timeline strip: every era at once, to choose from.
Rectangle {
    id: chooser
    objectName: "eraChooser"
    readonly property Navigator nav: Backend.nav
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    color: theme.background
    visible: opacity > 0
    opacity: nav.erasOpen ? 1 : 0
    Behavior on opacity { enabled: chooser.nav.animate; NumberAnimation { duration: 200 } }
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Eras")

    TapHandler {}  // nothing underneath reacts while the eras are shown

    KioskButton {
        objectName: "closeErasButton"
        anchors { top: parent.top; right: parent.right; margins: chooser.metrics.gap * 0.75 }
        icon: "\u2715"
        text: qsTr("Close")
        primary: true
        onActivated: chooser.nav.hideEras()
    }
    Column {
        anchors.centerIn: parent
        width: parent.width - chooser.metrics.gap * 4
        spacing: chooser.metrics.gap
        Text {
            width: parent.width
            text: qsTr("Eras")
            textFormat: Text.PlainText
            horizontalAlignment: Text.AlignHCenter
            color: chooser.theme.text
            font.family: chooser.headingFamily
            font.pixelSize: chooser.metrics.body * 1.5
            font.weight: Font.Bold
        }
        EraGrid {
            width: parent.width
        }
    }
}

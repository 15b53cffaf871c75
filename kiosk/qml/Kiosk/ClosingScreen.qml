pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The end of the exhibit, after its last panel: thanks, a way to start again for the next
// visitor, and every era to go back to.
Rectangle {
    id: closing
    objectName: "closingScreen"
    readonly property Navigator nav: Backend.nav
    readonly property ErasModel eras: Backend.eras
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    color: theme.background

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Thank you for visiting")

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - closing.metrics.gap * 4, closing.metrics.body * 40)
        spacing: closing.metrics.gap

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: closing.metrics.mm * 30; height: Math.max(2, closing.metrics.mm * 0.8)
            color: closing.theme.accent
        }
        Text {
            objectName: "thanksText"
            width: parent.width
            text: qsTr("Thank you for visiting")
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: closing.theme.text
            font.family: closing.headingFamily
            font.pixelSize: closing.metrics.body * 2
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: closing.nav.title
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: closing.theme.textMuted
            font.pixelSize: closing.metrics.body * 1.1
        }
        KioskButton {
            objectName: "startAgainButton"
            anchors.horizontalCenter: parent.horizontalCenter
            primary: true
            icon: "\u21BA"
            text: qsTr("Start again")
            textSize: closing.metrics.body * 1.1
            onActivated: closing.nav.startAgain()
        }
        Item { width: 1; height: closing.metrics.gap * 0.5 }
        Text {
            width: parent.width
            text: qsTr("Choose an era below to look again, or start again for the next visitor.")
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: closing.theme.text
            font.pixelSize: closing.metrics.body
        }
        EraGrid {
            objectName: "closingEras"
            width: parent.width
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The staff's hidden way in (corner gesture → PIN pad → staff menu). The corner zones
// are invisible and tiny; what they mean is decided in Python (StaffAccess).
Item {
    id: overlay
    objectName: "staffOverlay"
    readonly property StaffAccess staff: Backend.staff
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property real zone: metrics.mm * 9

    Item {
        objectName: "staffCornerHold"
        width: overlay.zone; height: overlay.zone
        anchors { left: parent.left; top: parent.top }
        TapHandler {
            longPressThreshold: 3
            onLongPressed: overlay.staff.cornerHeld()
        }
    }
    Item {
        objectName: "staffCornerTap"
        width: overlay.zone; height: overlay.zone
        anchors { right: parent.right; bottom: parent.bottom }
        TapHandler { onTapped: overlay.staff.oppositeCornerTapped() }
    }

    Rectangle {
        anchors.fill: parent
        visible: overlay.staff.padOpen || overlay.staff.menuOpen
        color: Qt.alpha(overlay.theme.background, 0.94)
        TapHandler {}  // nothing underneath reacts while staff are here
    }

    // --- PIN pad, on a panel of its own --------------------------------------------
    Rectangle {
        objectName: "pinPanel"
        visible: overlay.staff.padOpen
        anchors.centerIn: parent
        width: pinPad.width + overlay.metrics.gap * 3
        height: pinPad.height + overlay.metrics.gap * 3
        radius: overlay.metrics.mm * 4
        color: overlay.theme.surfaceRaised
        border.width: overlay.metrics.outline
        border.color: overlay.theme.controlEdge
    }
    Column {
        id: pinPad
        objectName: "pinPad"
        visible: overlay.staff.padOpen
        anchors.centerIn: parent
        spacing: overlay.metrics.gap

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Staff PIN")
            textFormat: Text.PlainText
            color: overlay.theme.text
            font.pixelSize: overlay.metrics.body * 1.2
            font.weight: Font.Bold
        }
        // A dot a digit typed, and nothing before: the PIN's length is never shown.
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: overlay.metrics.touch * 3.9 + overlay.metrics.gap * 2
            height: overlay.metrics.touch * 0.8
            radius: overlay.metrics.mm * 2
            color: overlay.theme.background
            border.width: overlay.metrics.outline
            border.color: overlay.theme.controlEdge
            Text {
                objectName: "pinDots"
                anchors.centerIn: parent
                text: "\u25CF".repeat(overlay.staff.entered)
                textFormat: Text.PlainText
                color: overlay.theme.accent
                font.pixelSize: overlay.metrics.body * 1.2
                font.letterSpacing: overlay.metrics.mm * 1.5
            }
        }
        Text {
            objectName: "pinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            text: overlay.staff.message
            textFormat: Text.PlainText
            color: overlay.theme.text
            font.pixelSize: overlay.metrics.body * 0.8
        }
        Grid {
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: overlay.metrics.gap
            Repeater {
                model: 9
                delegate: KioskButton {
                    required property int index
                    objectName: "pinKey-" + text
                    width: overlay.metrics.touch * 1.3
                    text: String(index + 1)
                    enabled: !overlay.staff.locked
                    onActivated: overlay.staff.enterDigit(text)
                }
            }
            KioskButton {
                objectName: "pinKey-\u232B"
                width: overlay.metrics.touch * 1.3
                text: "\u232B"
                enabled: !overlay.staff.locked
                onActivated: overlay.staff.backspace()
            }
            KioskButton {
                objectName: "pinKey-0"
                width: overlay.metrics.touch * 1.3
                text: "0"
                enabled: !overlay.staff.locked
                onActivated: overlay.staff.enterDigit(text)
            }
            KioskButton {
                objectName: "pinKey-OK"
                width: overlay.metrics.touch * 1.3
                text: qsTr("OK")
                primary: true
                enabled: !overlay.staff.locked
                onActivated: overlay.staff.submit()
            }
        }
        KioskButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Cancel")
            onActivated: overlay.staff.close()
        }
    }

    // --- staff menu -----------------------------------------------------------------
    Column {
        objectName: "staffMenu"
        visible: overlay.staff.menuOpen
        anchors.centerIn: parent
        width: Math.min(parent.width - overlay.metrics.gap * 4, overlay.metrics.body * 40)
        spacing: overlay.metrics.gap

        Text {
            text: qsTr("Staff menu")
            textFormat: Text.PlainText
            color: overlay.theme.text
            font.pixelSize: overlay.metrics.body * 1.3
            font.weight: Font.Bold
        }
        Flow {
            width: parent.width
            spacing: overlay.metrics.gap
            KioskButton { objectName: "staffReload"; text: qsTr("Reload now"); onActivated: overlay.staff.reloadNow() }
            KioskButton {
                objectName: "staffPreview"
                text: overlay.staff.preview ? qsTr("Leave preview mode") : qsTr("Preview mode")
                onActivated: overlay.staff.togglePreview()
            }
            KioskButton { objectName: "staffQuit"; text: qsTr("Quit to desktop"); onActivated: overlay.staff.quitToDesktop() }
            KioskButton { objectName: "staffClose"; text: qsTr("Close"); primary: true; onActivated: overlay.staff.close() }
        }
        Rectangle {
            width: parent.width
            height: diagnostics.implicitHeight + overlay.metrics.gap * 2
            color: overlay.theme.surface
            radius: overlay.metrics.mm * 2
            Text {
                id: diagnostics
                objectName: "staffDiagnostics"
                anchors.fill: parent
                anchors.margins: overlay.metrics.gap
                text: overlay.staff.diagnostics
                textFormat: Text.PlainText
                wrapMode: Text.WrapAnywhere
                color: overlay.theme.text
                font.family: "monospace"
                font.pixelSize: overlay.metrics.body * 0.6
            }
        }
    }
}

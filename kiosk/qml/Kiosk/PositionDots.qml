pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// Where the visitor is within the era: a dot a page, and "2 of 5" for screen readers.
Row {
    id: dots
    objectName: "positionDots"
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    required property int count
    required property int current
    required property string label
    spacing: metrics.mm * 2.5

    Accessible.role: Accessible.Indicator
    Accessible.name: label

    Repeater {
        model: dots.count
        delegate: Rectangle {
            required property int index
            anchors.verticalCenter: parent.verticalCenter
            width: index === dots.current ? dots.metrics.mm * 9 : dots.metrics.mm * 3
            height: dots.metrics.mm * 3
            radius: height / 2
            color: index === dots.current ? dots.theme.accent : Qt.alpha(dots.theme.text, 0.35)
            Behavior on width { enabled: Backend.nav.animate; NumberAnimation { duration: 200 } }
        }
    }
}

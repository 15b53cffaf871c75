pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// Every era as a tile, wrapped over as many rows as it takes: to go to any of them.
Flow {
    id: grid
    readonly property Navigator nav: Backend.nav
    readonly property ErasModel eras: Backend.eras
    readonly property ScreenMetrics metrics: Backend.metrics
    property real textSize: metrics.body * 0.9
    spacing: metrics.mm * 3
    Repeater {
        model: grid.eras
        delegate: EraTile {
            objectName: "eraTile-" + index
            textSize: grid.textSize
            width: Math.max(implicitWidth, grid.metrics.touch * 2.5)
            onChosen: grid.nav.openEra(index)
        }
    }
}

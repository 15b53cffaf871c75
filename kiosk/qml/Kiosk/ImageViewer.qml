pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The full-screen image viewer: pinch, double-tap or the zoom button to zoom, drag to
// pan (never off-screen), swipe between the panel's images. The controls sit in a bar
// above the picture and the caption below it, so nothing covers the picture.
Rectangle {
    id: viewer
    objectName: "imageViewer"
    readonly property Navigator nav: Backend.nav
    readonly property PagesModel pages: Backend.pages
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property var entry: nav.viewerImage
    readonly property bool zoomed: nav.zoom > 1.001
    readonly property bool portrait: height > width
    readonly property real edge: metrics.gap * 0.75
    property real panX: 0
    property real panY: 0
    property real swipeOffset: 0
    // How far the zoomed picture may move before its edge would leave the stage.
    readonly property real maxPanX: Math.max(0, (picture.paintedWidth * nav.zoom - stage.width) / 2)
    readonly property real maxPanY: Math.max(0, (picture.paintedHeight * nav.zoom - stage.height) / 2)

    color: theme.background
    visible: opacity > 0
    opacity: nav.viewerOpen ? 1 : 0
    Behavior on opacity { enabled: viewer.nav.animate; NumberAnimation { duration: 250 } }
    Accessible.role: Accessible.Dialog
    Accessible.name: entry.alt !== undefined ? entry.alt : ""

    onMaxPanXChanged: panX = Math.max(-maxPanX, Math.min(maxPanX, panX))
    onMaxPanYChanged: panY = Math.max(-maxPanY, Math.min(maxPanY, panY))
    Connections {
        target: viewer.nav
        function onViewerChanged() { viewer.panX = 0; viewer.panY = 0 }
    }

    Item {
        id: stage
        anchors { left: parent.left; right: parent.right; top: controlBar.bottom }
        // In portrait the caption follows the picture, and the two share the height.
        height: viewer.height - controlBar.height - captionBar.height
        clip: true

        ExhibitImage {
            id: picture
            objectName: "viewerImage"
            width: stage.width; height: stage.height
            x: viewer.panX + viewer.swipeOffset; y: viewer.panY
            scale: viewer.nav.zoom
            source: viewer.nav.viewerOpen && viewer.entry.source !== undefined ? viewer.entry.source : ""
            alt: viewer.entry.alt !== undefined ? viewer.entry.alt : ""
            // Decode sharper once zoomed; Qt never decodes a photo past its own size.
            decodeScale: viewer.zoomed ? 2.5 : 1
        }

        PinchHandler {
            id: pinch
            objectName: "pinchHandler"
            target: null
            property real startZoom: 1
            onActiveChanged: if (active) startZoom = viewer.nav.zoom
            onActiveScaleChanged: if (active) viewer.nav.setZoom(startZoom * activeScale)
        }
        DragHandler {
            id: pan
            objectName: "panHandler"
            target: null
            enabled: viewer.zoomed
            maximumPointCount: 1
            property real startX: 0
            property real startY: 0
            onActiveChanged: if (active) { startX = viewer.panX; startY = viewer.panY }
            onActiveTranslationChanged: if (active) {
                viewer.panX = Math.max(-viewer.maxPanX, Math.min(viewer.maxPanX, startX + activeTranslation.x))
                viewer.panY = Math.max(-viewer.maxPanY, Math.min(viewer.maxPanY, startY + activeTranslation.y))
            }
        }
        DragHandler {
            id: swipe
            objectName: "viewerSwipeHandler"
            target: null
            enabled: !viewer.zoomed && viewer.nav.viewerCount > 1
            yAxis.enabled: false
            maximumPointCount: 1
            onActiveTranslationChanged: if (active) viewer.swipeOffset = activeTranslation.x
            onActiveChanged: if (!active) {
                viewer.nav.endViewerSwipe(viewer.swipeOffset, centroid.velocity.x, stage.width)
                viewer.swipeOffset = 0
            }
        }
        TapHandler {
            objectName: "zoomTap"
            onDoubleTapped: viewer.nav.toggleZoom()
        }
        WheelHandler {
            target: null
            onWheel: (event) => viewer.nav.setZoom(viewer.nav.zoom * (event.angleDelta.y > 0 ? 1.2 : 1 / 1.2))
        }
    }

    // --- controls, above the picture --------------------------------------------------
    Item {
        id: controlBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: viewer.metrics.touch + viewer.edge * 2
        KioskButton {
            objectName: "zoomButton"
            anchors { left: parent.left; verticalCenter: parent.verticalCenter; leftMargin: viewer.edge }
            icon: viewer.zoomed ? "\u2212" : "+"
            accessibleName: qsTr("Pinch or double-tap to zoom")
            onActivated: viewer.nav.toggleZoom()
        }
        Row {
            anchors.centerIn: parent
            spacing: viewer.metrics.gap
            visible: viewer.nav.viewerCount > 1
            KioskButton {
                objectName: "viewerPrevious"
                enabled: viewer.nav.viewerIndex > 0
                icon: "\u2190"
                accessibleName: qsTr("Previous")
                onActivated: viewer.nav.showImage(viewer.nav.viewerIndex - 1)
            }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Image %1 of %2").arg(viewer.nav.viewerIndex + 1).arg(viewer.nav.viewerCount)
                textFormat: Text.PlainText
                color: viewer.theme.textMuted
                font.pixelSize: viewer.metrics.body * 0.85
            }
            KioskButton {
                objectName: "viewerNext"
                enabled: viewer.nav.viewerIndex < viewer.nav.viewerCount - 1
                icon: "\u2192"
                accessibleName: qsTr("Next")
                onActivated: viewer.nav.showImage(viewer.nav.viewerIndex + 1)
            }
        }
        KioskButton {
            id: closeButton
            objectName: "closeViewerButton"
            anchors { right: parent.right; verticalCenter: parent.verticalCenter; rightMargin: viewer.edge }
            icon: "\u2715"
            text: qsTr("Close")
            primary: true
            onActivated: viewer.nav.closeImage()
        }
    }

    Rectangle {
        id: captionBar
        anchors { left: parent.left; right: parent.right }
        y: viewer.portrait
           ? Math.min(viewer.height - height, stage.y + (stage.height + picture.paintedHeight) / 2)
           : viewer.height - height
        height: captionColumn.height + viewer.metrics.gap * 2
        color: viewer.portrait ? "transparent" : viewer.theme.surface
        Column {
            id: captionColumn
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(parent.width - viewer.metrics.gap * 4, fm.averageCharacterWidth * viewer.metrics.captionChars)
            spacing: viewer.metrics.mm * 2
            Text {
                objectName: "viewerCaption"
                width: parent.width
                // guard: plain-text-viewer-caption
                text: viewer.entry.caption !== undefined ? viewer.entry.caption : ""
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                lineHeight: 1.15
                color: viewer.theme.text
                font.pixelSize: viewer.metrics.body
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: viewer.entry.credit !== undefined ? viewer.entry.credit : ""
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: viewer.theme.textMuted
                font.pixelSize: viewer.metrics.body * 0.7
            }
        }
        FontMetrics { id: fm; font.pixelSize: viewer.metrics.body }
    }
}

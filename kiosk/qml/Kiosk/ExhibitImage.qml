pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// An exhibit picture, decoded off the GUI thread at the size it is shown (see decoder.py).
// A file that cannot be shown becomes a calm placeholder carrying its alt text.
Item {
    id: root

    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    required property string source
    required property string alt
    property int fillMode: Image.PreserveAspectFit
    property real decodeScale: 1.0
    // Image's own statuses: Loading while decoding, Error for a refused file.
    readonly property int status: root.picture === null ? Image.Null
        : root.picture.status === Image.Ready ? image.status : root.picture.status
    // Still on its way (render and the benchmarks wait for pictures to be in).
    readonly property bool pictureLoading: root.picture !== null && root.picture.loading
    // This item's picture, from the decoder once the item is complete (set there only).
    // It changes when this item's own decode does, never for another item's.
    property Picture picture: null
    readonly property alias paintedWidth: image.paintedWidth
    readonly property alias paintedHeight: image.paintedHeight

    Accessible.role: Accessible.Graphic
    Accessible.name: alt

    Component.onCompleted: root.picture = Backend.decoder.pictureFor(root)

    // What to decode: the file, at the size it is shown in device pixels, fitted or cropped.
    Binding {
        target: root.picture
        property: "request"
        value: ({
            source: root.source,
            width: Math.ceil(root.width * root.decodeScale * Screen.devicePixelRatio),
            height: Math.ceil(root.height * root.decodeScale * Screen.devicePixelRatio),
            crop: root.fillMode === Image.PreserveAspectCrop
        })
    }

    Image {
        id: image
        objectName: "exhibitImage"
        anchors.fill: parent
        // Decoded off the GUI thread already; this only picks the finished picture up, on
        // the GUI thread: from Qt's loader thread the provider's Python would deadlock.
        source: root.picture !== null ? root.picture.url : ""
        asynchronous: false
        cache: false
        fillMode: root.fillMode
        smooth: true
        mipmap: true
        opacity: status === Image.Ready ? 1 : 0
        Behavior on opacity { enabled: Backend.nav.animate; NumberAnimation { duration: 250 } }
    }

    Rectangle {
        objectName: "imagePlaceholder"
        anchors.fill: parent
        visible: root.status === Image.Error  // guard: placeholder-shown
        color: root.theme.surface
        radius: root.metrics.mm * 2
        Column {
            anchors.centerIn: parent
            width: parent.width * 0.8
            spacing: root.metrics.gap
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: "\u25A1"
                textFormat: Text.PlainText
                color: root.theme.textMuted
                font.pixelSize: root.metrics.body * 2
            }
            Text {
                width: parent.width
                text: root.alt
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                color: root.theme.textMuted
                font.pixelSize: root.metrics.body
            }
        }
    }

}

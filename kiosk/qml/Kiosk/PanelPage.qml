pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// A panel: its picture with the caption and credit under it (the museum convention), and
// beside it (above it in portrait) the title and text. Tapping the picture, or the button
// beside its caption, opens it full screen. Everything fits at rest; text a curator made
// too long for the screen gets a "More" button that scrolls it, and `kiosk render` warns.
Item {
    id: page
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property Navigator nav: Backend.nav
    readonly property string headingFamily: Backend.headingFamily
    required property bool portrait
    required property bool compact  // a short screen: the words get more of the width
    required property bool current
    required property string eraTitle
    required property string years
    required property string title
    required property string body
    required property var images
    required property string place  // "2 of 5"
    required property bool wordy
    readonly property real pad: metrics.gap
    readonly property real wordsShare: (wordy ? 0.5 : 0.42) + (compact ? 0.08 : 0)
    readonly property var first: images.length > 0 ? images[0] : ({source: "", alt: "", caption: "", credit: "", width: 0, height: 0})
    // Portrait: the words, then the picture at its own shape with its caption, the whole
    // centred in the height, so no empty band opens between them.
    readonly property real pictureShape: first.width > 0 && first.height > 0 ? first.height / first.width : 0.6
    readonly property real portraitPictures: Math.min(
        page.height - words.height - pad,
        (page.width - 2 * pad) * pictureShape + (thumbs.visible ? thumbs.height + metrics.mm * 3 : 0)
            + captionBlock.height + metrics.mm * 3)
    readonly property real portraitTop: Math.max(0, (page.height - words.height - pad - portraitPictures) / 2)

    // --- the picture, its caption and credit ------------------------------------
    Item {
        id: pictures
        x: page.pad
        y: page.portrait ? words.y + words.height + page.pad : 0
        width: page.portrait ? page.width - 2 * page.pad
                             : page.width * (1 - page.wordsShare) - page.pad * 1.5
        height: page.portrait ? page.portraitPictures : page.height

        ExhibitImage {
            id: mainImage
            objectName: "panelImage"
            anchors { left: parent.left; right: parent.right; top: parent.top; bottom: thumbs.visible ? thumbs.top : captionBlock.top }
            anchors.bottomMargin: page.metrics.mm * 3
            source: page.first.source
            alt: page.first.alt
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Open image") + ": " + page.first.alt
            VisitorTap { onTapped: page.nav.openImage(0) }
        }
        Row {
            id: thumbs
            visible: page.images.length > 1
            anchors { left: parent.left; bottom: captionBlock.top; bottomMargin: page.metrics.mm * 3 }
            height: page.metrics.touch
            spacing: page.metrics.mm * 3
            Repeater {
                model: page.images.length > 1 ? page.images : []
                delegate: Rectangle {
                    id: thumb
                    required property var modelData
                    required property int index
                    readonly property bool control: true
                    objectName: "thumbnail-" + index
                    width: height * 1.5; height: thumbs.height
                    radius: page.metrics.mm * 1.5
                    color: page.theme.surface
                    border.width: activeFocus ? page.metrics.focusOutline : page.metrics.outline
                    border.color: activeFocus ? page.theme.text : page.theme.controlEdge
                    activeFocusOnTab: page.current
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("Open image") + ": " + modelData.alt
                    Keys.onReturnPressed: page.nav.openImage(index)
                    Keys.onEnterPressed: page.nav.openImage(index)
                    ExhibitImage {
                        anchors.fill: parent; anchors.margins: Math.max(3, page.metrics.mm)
                        source: thumb.modelData.source; alt: thumb.modelData.alt
                        fillMode: Image.PreserveAspectCrop
                    }
                    VisitorTap { onTapped: page.nav.openImage(thumb.index) }
                }
            }
        }
        Item {
            id: captionBlock
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: Math.max(captionColumn.height, enlarge.height)
            Column {
                id: captionColumn
                anchors.left: parent.left
                width: Math.min(parent.width - enlarge.width - page.metrics.gap,
                                fm.averageCharacterWidth * page.metrics.captionChars)
                spacing: page.metrics.mm * 1.5
                Text {
                    objectName: "panelCaption"
                    width: parent.width
                    // guard: plain-text-panel-caption
                    text: page.first.caption
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    lineHeight: 1.15
                    color: page.theme.text
                    font.pixelSize: page.metrics.body
                    font.italic: true
                }
                Text {
                    objectName: "panelCredit"
                    width: parent.width
                    visible: text !== ""
                    text: page.first.credit
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: page.theme.textMuted
                    font.pixelSize: page.metrics.body * 0.75
                }
            }
            KioskButton {
                id: enlarge
                objectName: "enlargeButton"
                anchors { right: parent.right; top: parent.top }
                icon: "\u2922"
                accessibleName: qsTr("Open image")
                enabled: mainImage.status === Image.Ready
                onActivated: page.nav.openImage(0)
            }
        }
    }

    // --- the words ----------------------------------------------------------------------
    Flickable {
        id: words
        objectName: "panelText"
        x: page.portrait ? page.pad : pictures.x + pictures.width + page.pad * 1.5
        y: page.portrait ? page.portraitTop : 0
        width: page.portrait ? page.width - 2 * page.pad : page.width - x - page.pad
        height: page.portrait ? Math.min(column.height, page.height * 0.5) : page.height
        contentHeight: column.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        interactive: overflowing
        readonly property bool overflowing: contentHeight > height + 1
        Behavior on contentY { enabled: page.nav.animate; NumberAnimation { duration: 300; easing.type: Easing.OutCubic } }

        Column {
            id: column
            width: Math.min(words.width, fm.averageCharacterWidth * page.metrics.captionChars * 1.15)
            spacing: page.metrics.mm * 4

            Text {
                objectName: "panelPlace"
                width: parent.width
                text: page.years + "  \u00b7  " + page.eraTitle + "  \u00b7  " + page.place
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: page.theme.accent
                font.pixelSize: page.metrics.body * 0.8
                font.weight: Font.DemiBold
            }
            Text {
                objectName: "panelTitle"
                width: parent.width
                text: page.title
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: page.theme.text
                font.family: page.headingFamily
                font.pixelSize: page.metrics.body * 1.5
                font.weight: Font.Bold
            }
            Text {
                objectName: "panelBody"
                width: parent.width
                visible: text !== ""
                text: page.body
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                lineHeight: 1.25
                color: page.theme.text
                font.pixelSize: page.metrics.body
            }
            // Room for the "More" button over the last lines when the text scrolls.
            Item { width: 1; height: words.overflowing ? more.height : 0 }
        }
        Connections {
            target: page.nav
            function onResetDone() { words.contentY = 0 }
            function onPageChanged() { if (!page.current) words.contentY = 0 }
        }
    }
    MoreText { id: more; scroller: words }
    FontMetrics { id: fm; font.pixelSize: page.metrics.body }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// A panel: its picture(s) beside its title, text, caption and credit. Tapping a picture
// opens it full screen. Long text scrolls; the caption's lines stay short enough to read.
Item {
    id: page
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property var nav: Backend.nav
    readonly property string headingFamily: Backend.headingFamily
    required property bool portrait
    required property bool current
    required property string eraTitle
    required property string years
    required property string title
    required property string body
    required property var images
    readonly property real margin: metrics.mm * 10
    readonly property var first: images.length > 0 ? images[0] : ({source: "", alt: "", caption: "", credit: ""})

    // --- pictures ---------------------------------------------------------------
    Item {
        id: pictures
        x: page.margin
        y: page.portrait ? page.margin * 0.5 : page.margin * 0.5
        width: page.portrait ? page.width - 2 * page.margin : page.width * 0.56 - page.margin
        height: page.portrait ? page.height * 0.44 : page.height - page.margin

        ExhibitImage {
            id: mainImage
            objectName: "panelImage"
            anchors { left: parent.left; right: parent.right; top: parent.top; bottom: thumbs.visible ? thumbs.top : parent.bottom }
            anchors.bottomMargin: thumbs.visible ? page.metrics.gap : 0
            source: page.first.source
            alt: page.first.alt
            Accessible.role: Accessible.Button
            Accessible.name: page.nav.ui.openImage + ": " + page.first.alt
            VisitorTap { onTapped: page.nav.openImage(0) }
        }
        Rectangle {
            // In the picture's corner, wherever its aspect ratio puts it in the box.
            anchors { right: mainImage.right; bottom: mainImage.bottom }
            anchors.rightMargin: (mainImage.width - mainImage.paintedWidth) / 2 + page.metrics.gap
            anchors.bottomMargin: (mainImage.height - mainImage.paintedHeight) / 2 + page.metrics.gap
            visible: mainImage.status === Image.Ready
            width: page.metrics.touch; height: width; radius: width / 2
            color: Qt.alpha(page.theme.background, 0.8)
            Text {
                anchors.centerIn: parent
                text: "\u2922"
                textFormat: Text.PlainText
                color: page.theme.text
                font.pixelSize: page.metrics.body
            }
            VisitorTap { onTapped: page.nav.openImage(0) }
        }
        Row {
            id: thumbs
            visible: page.images.length > 1
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom }
            height: page.metrics.touch * 1.3
            spacing: page.metrics.gap
            Repeater {
                model: page.images.length > 1 ? page.images : []
                delegate: Rectangle {
                    id: thumb
                    required property var modelData
                    required property int index
                    objectName: "thumbnail-" + index
                    width: height * 1.5; height: thumbs.height
                    radius: page.metrics.mm * 1.5
                    color: page.theme.surface
                    border.width: activeFocus ? Math.max(3, page.metrics.mm * 1.2) : 1
                    border.color: activeFocus ? page.theme.accent : Qt.alpha(page.theme.text, 0.2)
                    activeFocusOnTab: page.current
                    Accessible.role: Accessible.Button
                    Accessible.name: page.nav.ui.openImage + ": " + modelData.alt
                    Keys.onReturnPressed: page.nav.openImage(index)
                    Keys.onEnterPressed: page.nav.openImage(index)
                    ExhibitImage {
                        anchors.fill: parent; anchors.margins: page.metrics.mm
                        source: thumb.modelData.source; alt: thumb.modelData.alt
                        fillMode: Image.PreserveAspectCrop
                    }
                    VisitorTap { onTapped: page.nav.openImage(thumb.index) }
                }
            }
        }
    }

    // --- words --------------------------------------------------------------------
    Flickable {
        id: words
        objectName: "panelText"
        x: page.portrait ? page.margin : pictures.x + pictures.width + page.margin
        y: page.portrait ? pictures.y + pictures.height + page.metrics.gap : page.margin * 0.5
        width: page.portrait ? page.width - 2 * page.margin : page.width - x - page.margin
        height: page.height - y - page.metrics.gap
        contentHeight: column.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        interactive: contentHeight > height

        Column {
            id: column
            width: Math.min(words.width, fm.averageCharacterWidth * page.metrics.captionChars)
            spacing: page.metrics.gap

            Text {
                width: parent.width
                text: page.years + "  \u00b7  " + page.eraTitle
                textFormat: Text.PlainText
                elide: Text.ElideRight
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
                font.pixelSize: page.metrics.body * 1.6
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
            Rectangle { width: parent.width; height: 1; color: Qt.alpha(page.theme.text, 0.2) }
            Text {
                objectName: "panelCaption"
                width: parent.width
                text: page.first.caption
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                lineHeight: 1.2
                color: page.theme.textMuted
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
                font.pixelSize: page.metrics.body * 0.7
            }
        }
        Connections {
            target: page.nav
            function onResetDone() { words.contentY = 0 }
            function onPageChanged() { if (!page.current) words.contentY = 0 }
        }
    }
    // More text below: a fade over the last lines says the column scrolls.
    Rectangle {
        visible: words.contentHeight > words.height && !words.atYEnd
        anchors { left: words.left; right: words.right; bottom: words.bottom }
        height: page.metrics.touch
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.alpha(page.theme.background, 0) }
            GradientStop { position: 1; color: page.theme.background }
        }
    }
    FontMetrics { id: fm; font.pixelSize: page.metrics.body }
}

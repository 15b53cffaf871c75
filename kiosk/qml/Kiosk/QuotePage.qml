pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// A panel's quotation on a page of its own, after the panel: a voice of the time, large
// and in an upright serif (italics tire at a distance), under a great quotation mark, with who said it, when, and where it is
// kept. It reads as a document on the wall, not as another caption.
Item {
    id: page
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property Navigator nav: Backend.nav
    readonly property string headingFamily: Backend.headingFamily
    required property bool portrait
    required property bool current
    required property string eraTitle
    required property string years
    required property string title  // the panel's, which the quotation belongs to
    required property var quote  // {text, who, when, source}
    required property string place  // "3 of 5"
    readonly property real pad: metrics.gap * 1.5

    Flickable {
        id: words
        objectName: "quotePage"
        anchors.fill: parent
        anchors.leftMargin: page.pad; anchors.rightMargin: page.pad
        contentHeight: Math.max(height, column.height + page.pad)
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        interactive: contentHeight > height + 1
        Behavior on contentY { enabled: page.nav.animate; NumberAnimation { duration: 300; easing.type: Easing.OutCubic } }

        Column {
            id: column
            anchors.horizontalCenter: parent.horizontalCenter
            // A measure of about 50 characters of the quotation's type: a comfortable line.
            width: Math.min(words.width, quoteMetrics.averageCharacterWidth * 50)
            y: Math.max(page.pad * 0.5, (words.height - height) / 2)
            spacing: page.metrics.mm * 4

            Text {
                objectName: "quotePlace"
                width: parent.width
                text: page.years + "  \u00b7  " + page.title + "  \u00b7  " + page.place
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: page.theme.accent
                font.pixelSize: page.metrics.body * 0.8
                font.weight: Font.DemiBold
            }
            Row {
                width: parent.width
                spacing: page.metrics.mm * 6
                Text {
                    id: mark
                    // The great opening mark of a quotation printed on a wall: it stands for
                    // the quotation marks, so the words themselves go without.
                    //: The great opening quotation mark over a quotation
                    text: qsTr("\u201c")
                    textFormat: Text.PlainText
                    color: page.theme.accent
                    font.family: page.headingFamily
                    font.pixelSize: quoteMetrics.font.pixelSize * 2.2
                    font.weight: Font.Bold
                    Accessible.ignored: true
                }
                Text {
                    objectName: "quoteText"
                    width: parent.width - mark.width - parent.spacing
                    text: page.quote.text
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    lineHeight: 1.2
                    color: page.theme.text
                    font: quoteMetrics.font
                }
            }
            Rectangle {
                width: page.metrics.mm * 20; height: Math.max(2, page.metrics.mm * 0.6)
                color: page.theme.accent
            }
            Text {
                objectName: "quoteWho"
                width: parent.width
                text: page.quote.who + ", " + page.quote.when
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: page.theme.text
                font.pixelSize: page.metrics.body
                font.weight: Font.DemiBold
            }
            Text {
                objectName: "quoteSource"
                width: parent.width
                text: page.quote.source
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: page.theme.textMuted
                font.pixelSize: page.metrics.body * 0.8
            }
        }
        Connections {
            target: page.nav
            function onResetDone() { words.contentY = 0 }
            function onPageChanged() { if (!page.current) words.contentY = 0 }
        }
    }
    MoreText { scroller: words }
    FontMetrics {
        id: quoteMetrics
        font.family: page.headingFamily
        font.pixelSize: page.metrics.body * 1.2
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// An era's opening: its years and title, the summary, and a first picture.
Item {
    id: page
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property var nav: Backend.nav
    readonly property string headingFamily: Backend.headingFamily
    required property bool portrait
    required property string years
    required property string title
    required property string body
    required property var images
    readonly property real margin: metrics.mm * 12

    ExhibitImage {
        id: hero
        source: page.images.length > 0 ? page.images[0].source : ""
        alt: page.images.length > 0 ? page.images[0].alt : ""
        fillMode: Image.PreserveAspectFit
        x: page.portrait ? page.margin : page.width * 0.52
        y: page.portrait ? page.margin : page.margin
        width: page.portrait ? page.width - 2 * page.margin : page.width * 0.48 - page.margin
        height: page.portrait ? page.height * 0.42 : page.height - 2 * page.margin
        opacity: 0.9
    }

    Column {
        id: words
        x: page.margin
        width: page.portrait ? page.width - 2 * page.margin : page.width * 0.52 - 2 * page.margin
        y: page.portrait ? hero.y + hero.height + page.margin : (page.height - height) / 2
        spacing: page.metrics.gap * 1.2

        Text {
            objectName: "eraYears"
            text: page.years
            textFormat: Text.PlainText
            color: page.theme.accent
            font.pixelSize: page.metrics.body * 1.6
            font.weight: Font.Bold
            font.letterSpacing: page.metrics.mm * 0.4
        }
        Text {
            objectName: "eraTitle"
            width: parent.width
            text: page.title
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            color: page.theme.text
            font.family: page.headingFamily
            font.pixelSize: page.metrics.body * 2.2
            font.weight: Font.Bold
        }
        Rectangle { width: page.metrics.mm * 24; height: Math.max(2, page.metrics.mm * 0.8); color: page.theme.accent }
        Text {
            objectName: "eraSummary"
            width: Math.min(parent.width, fm.averageCharacterWidth * page.metrics.captionChars)
            text: page.body
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            lineHeight: 1.25
            color: page.theme.text
            font.pixelSize: page.metrics.body * 1.15
        }
        Text {
            text: page.nav.ui.next + "  \u2192"
            textFormat: Text.PlainText
            color: page.theme.textMuted
            font.pixelSize: page.metrics.body * 0.85
        }
    }
    FontMetrics { id: fm; font.pixelSize: page.metrics.body * 1.15 }
}

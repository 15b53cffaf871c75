pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// An era's opening: its years and title, the summary, and its first picture. Next (in
// the bar below) or a swipe goes on to the era's panels.
Item {
    id: page
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    required property bool portrait
    required property bool compact  // a short screen: the words get more of the width
    readonly property real wordsShare: compact ? 0.6 : 0.5
    required property string years
    required property string title
    required property string body
    required property var images
    readonly property real pad: metrics.gap * 1.5
    // Portrait: the picture at its own shape above the words, the two centred together.
    readonly property real pictureShape: images.length > 0 && images[0].width > 0
                                         ? images[0].height / images[0].width : 0.6
    readonly property real portraitHero: Math.min(height - words.height - pad * 2,
                                                  (width - 2 * pad) * pictureShape)
    readonly property real portraitTop: Math.max(0, (height - words.height - pad * 2 - portraitHero) / 2)

    ExhibitImage {
        id: hero
        source: page.images.length > 0 ? page.images[0].source : ""
        alt: page.images.length > 0 ? page.images[0].alt : ""
        fillMode: Image.PreserveAspectFit
        x: page.portrait ? page.pad : page.width * page.wordsShare
        y: page.portrait ? page.portraitTop : 0
        width: page.portrait ? page.width - 2 * page.pad : page.width * (1 - page.wordsShare) - page.pad
        height: page.portrait ? page.portraitHero : page.height
        opacity: 0.9
    }

    Column {
        id: words
        x: page.pad
        width: page.portrait ? page.width - 2 * page.pad : page.width * page.wordsShare - 2 * page.pad
        // Centred beside the picture; from the top when it needs all the height.
        y: page.portrait ? hero.y + hero.height + page.pad * 2 : Math.max(0, (page.height - height) / 2)
        spacing: page.metrics.mm * 4

        Text {
            objectName: "eraYears"
            text: page.years
            textFormat: Text.PlainText
            color: page.theme.accent
            font.pixelSize: page.metrics.body * 1.4
            font.weight: Font.Bold
            font.letterSpacing: page.metrics.mm * 0.3
        }
        Text {
            objectName: "eraTitle"
            width: parent.width
            text: page.title
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
            color: page.theme.text
            font.family: page.headingFamily
            font.pixelSize: page.metrics.body * 2
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
            font.pixelSize: page.metrics.body * 1.1
        }
    }
    FontMetrics { id: fm; font.pixelSize: page.metrics.body * 1.1 }
}

pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The exhibit: a bar with home, the exhibit's title and language; the pages (swiped one
// at a time); and along the bottom, previous, the era timeline and next.
Item {
    id: screen
    objectName: "exhibitScreen"

    readonly property Navigator nav: Backend.nav
    readonly property PagesModel pages: Backend.pages
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property bool portrait: height > width
    readonly property real edge: metrics.gap * 0.75

    // On a short screen (a 15.6-inch or smaller, in landscape) home and language join the
    // bar along the bottom, so the pages keep the height they need.
    readonly property bool compact: height < metrics.mm * 220
    readonly property real barHeight: (timelineRoom ? Math.max(metrics.touch, timeline.implicitHeight)
                                                    : metrics.touch) + edge * 2

    // --- top bar: home, the exhibit's name, language -------------------------------
    Item {
        id: topBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        anchors.margins: screen.edge
        height: screen.compact ? 0 : screen.metrics.touch
        Text {
            anchors.centerIn: parent
            width: parent.width - homeButton.width - languageButton.width - screen.metrics.gap * 4
            horizontalAlignment: Text.AlignHCenter
            // Only where there is room for all of it: the exhibit's name is never cut.
            visible: !screen.compact && implicitWidth <= width
            text: screen.nav.title
            textFormat: Text.PlainText
            color: screen.theme.textMuted
            font.pixelSize: screen.metrics.body * 0.85
        }
    }
    KioskButton {
        id: homeButton
        objectName: "homeButton"
        z: 1
        anchors.left: parent.left
        anchors.leftMargin: screen.edge
        y: screen.compact ? screen.height - (screen.barHeight + height) / 2 : screen.edge
        icon: "\u2302"
        text: qsTr("Home")
        onActivated: screen.nav.goHome()
    }
    KioskButton {
        id: languageButton
        objectName: "languageButton"
        z: 1
        anchors.right: parent.right
        anchors.rightMargin: screen.edge
        y: homeButton.y
        width: screen.nav.languages.length > 1 ? implicitWidth : 0
        visible: screen.nav.languages.length > 1
        text: screen.nav.nextLanguageName
        accessibleName: screen.nav.nextLanguageName
        onActivated: screen.nav.toggleLanguage()
    }

    // --- the pages ----------------------------------------------------------------
    ListView {
        id: pager
        objectName: "pager"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom; bottom: bottomBar.top }
        anchors.topMargin: screen.compact ? 0 : screen.edge
        anchors.bottomMargin: screen.edge
        orientation: ListView.Horizontal
        interactive: false
        clip: true
        // Not before the view has a width: a zero-wide list would build every page.
        model: width > 0 ? screen.pages : null
        cacheBuffer: width  // build the neighbours, so a swipe reveals a ready page
        reuseItems: false
        highlightFollowsCurrentItem: false  // no (invisible) highlight sliding for seconds
        property real dragOffset: 0
        // From originX: a list given its model while already scrolled puts page 0 there.
        // And again once the pages are in: being given its model moves the list back to
        // the start, after a page chosen before it had a width.
        contentX: count > 0 ? originX + screen.nav.pageIndex * width - dragOffset : 0
        property bool swiping: false  // ends just before the page turns, so it slides
        Behavior on contentX {
            enabled: screen.nav.animate && !pager.swiping
            NumberAnimation { duration: 250; easing.type: Easing.OutCubic }
        }
        delegate: Loader {
            id: pageLoader
            required property int index
            required property string kind
            required property string eraTitle
            required property string years
            required property string title
            required property string body
            required property var images
            required property var quote
            required property int eraPosition
            required property int eraPages
            required property bool wordy
            width: pager.width
            height: pager.height
            sourceComponent: kind === "opening" ? openingComponent
                             : kind === "quote" ? quoteComponent : panelComponent
            Component {
                id: openingComponent
                OpeningPage {
                    portrait: screen.portrait
                    compact: screen.compact
                    years: pageLoader.years; title: pageLoader.title; body: pageLoader.body
                    images: pageLoader.images
                }
            }
            Component {
                id: quoteComponent
                QuotePage {
                    portrait: screen.portrait
                    current: pageLoader.index === screen.nav.pageIndex
                    eraTitle: pageLoader.eraTitle; years: pageLoader.years
                    title: pageLoader.title; quote: pageLoader.quote
                    //: The page's place in its era: 3 of 5
                    place: qsTr("%1 of %2").arg(pageLoader.eraPosition).arg(pageLoader.eraPages)
                }
            }
            Component {
                id: panelComponent
                PanelPage {
                    portrait: screen.portrait
                    compact: screen.compact
                    current: pageLoader.index === screen.nav.pageIndex
                    eraTitle: pageLoader.eraTitle; years: pageLoader.years
                    title: pageLoader.title; body: pageLoader.body; images: pageLoader.images
                    //: The page's place in its era: 3 of 5
                    place: qsTr("%1 of %2").arg(pageLoader.eraPosition).arg(pageLoader.eraPages)
                    wordy: pageLoader.wordy
                }
            }
        }

        // One deliberate finger swipes; two fingers (a pinch) or a tap never turn the page.
        DragHandler {
            id: swipe
            objectName: "swipeHandler"
            target: null
            xAxis.enabled: true
            yAxis.enabled: false
            minimumPointCount: 1
            maximumPointCount: 1
            onActiveTranslationChanged: if (active) pager.dragOffset = activeTranslation.x
            onActiveChanged: {
                if (active) {
                    pager.swiping = true
                } else {
                    pager.swiping = false
                    screen.nav.endSwipe(pager.dragOffset, centroid.velocity.x, pager.width)
                    pager.dragOffset = 0
                }
            }
        }
    }

    // --- previous, the timeline, next ------------------------------------------------
    Rectangle {
        id: bottomBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: screen.barHeight
        color: screen.theme.surface
        Rectangle {
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 1; color: Qt.alpha(screen.theme.text, 0.12)
        }
    }
    KioskButton {
        id: previousButton
        objectName: "previousButton"
        anchors.left: screen.compact ? homeButton.right : parent.left
        anchors.leftMargin: screen.edge
        anchors.verticalCenter: bottomBar.verticalCenter
        icon: "\u2190"
        // On a short screen the arrows alone, so the timeline keeps its room.
        text: screen.compact ? "" : accessibleName
        accessibleName: qsTr("Previous")
        enabled: screen.nav.pageIndex > 0
        onActivated: screen.nav.previous()
    }
    // The strip where at least a few eras fit beside the buttons; else a button that
    // shows them all.
    readonly property bool timelineRoom: width - edge * 4 - previousButton.width - nextButton.width
        - (compact ? homeButton.width + languageButton.width + edge * 2 : 0) >= metrics.touch * 9
    Timeline {
        id: timeline
        visible: screen.timelineRoom
        anchors { left: previousButton.right; right: nextButton.left; verticalCenter: bottomBar.verticalCenter }
        anchors.leftMargin: screen.edge; anchors.rightMargin: screen.edge
    }
    KioskButton {
        objectName: "erasButton"
        visible: !screen.timelineRoom
        anchors.centerIn: timeline
        width: Math.min(implicitWidth, timeline.width)
        icon: "\u2630"
        text: qsTr("Eras")
        onActivated: screen.nav.showEras()
    }
    KioskButton {
        id: nextButton
        objectName: "nextButton"
        anchors.right: screen.compact ? languageButton.left : parent.right
        anchors.rightMargin: screen.edge
        anchors.verticalCenter: bottomBar.verticalCenter
        icon: "\u2192"
        text: screen.compact ? "" : accessibleName
        //: Next, on the last page: it leads to the closing screen
        accessibleName: screen.nav.atLastPage ? qsTr("The end") : qsTr("Next")
        iconAfter: true
        primary: true
        onActivated: screen.nav.next()
    }

    Connections {
        target: screen.nav
        function onResetDone() { pager.dragOffset = 0 }
    }
}

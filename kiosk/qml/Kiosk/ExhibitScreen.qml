pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The exhibit: a bar with home and language, the pages (swiped one at a time), the
// previous/next buttons with the position in the era, and the era timeline.
Item {
    id: screen
    objectName: "exhibitScreen"

    readonly property var nav: Backend.nav
    readonly property var pages: Backend.pages
    readonly property var eras: Backend.eras
    readonly property var metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property string headingFamily: Backend.headingFamily
    readonly property bool portrait: height > width
    readonly property real margin: metrics.mm * 10

    // --- top bar: home, where we are, language -----------------------------------
    Item {
        id: topBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        anchors.margins: screen.metrics.gap
        height: screen.metrics.touch

        KioskButton {
            id: homeButton
            objectName: "homeButton"
            anchors.left: parent.left
            icon: "\u2302"
            text: screen.nav.ui.home
            onActivated: screen.nav.goHome()
        }
        Text {
            anchors.left: homeButton.right
            anchors.right: languageButton.left
            anchors.margins: screen.metrics.gap
            anchors.verticalCenter: parent.verticalCenter
            horizontalAlignment: Text.AlignHCenter
            text: screen.nav.title
            textFormat: Text.PlainText
            elide: Text.ElideRight
            color: screen.theme.textMuted
            font.pixelSize: screen.metrics.body * 0.8
        }
        KioskButton {
            id: languageButton
            objectName: "languageButton"
            anchors.right: parent.right
            visible: screen.nav.languages.length > 1
            text: screen.nav.nextLanguageName
            accessibleName: screen.nav.nextLanguageName
            onActivated: screen.nav.toggleLanguage()
        }
    }

    // --- the pages ----------------------------------------------------------------
    ListView {
        id: pager
        objectName: "pager"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom; bottom: controls.top }
        anchors.topMargin: screen.metrics.gap
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
        property bool dragging: false  // ends just before the page turns, so it slides
        Behavior on contentX {
            enabled: screen.nav.animate && !pager.dragging
            NumberAnimation { duration: 250; easing.type: Easing.OutCubic }
        }
        delegate: Loader {
            id: pageLoader
            required property int index
            required property string kind
            required property string eraId
            required property string panelId
            required property string eraTitle
            required property string years
            required property string title
            required property string body
            required property var images
            width: pager.width
            height: pager.height
            sourceComponent: kind === "opening" ? openingComponent : panelComponent
            Component {
                id: openingComponent
                OpeningPage {
                    portrait: screen.portrait
                    years: pageLoader.years; title: pageLoader.title; body: pageLoader.body
                    images: pageLoader.images
                }
            }
            Component {
                id: panelComponent
                PanelPage {
                    portrait: screen.portrait
                    current: pageLoader.index === screen.nav.pageIndex
                    eraTitle: pageLoader.eraTitle; years: pageLoader.years
                    title: pageLoader.title; body: pageLoader.body; images: pageLoader.images
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
                    pager.dragging = true
                } else {
                    pager.dragging = false
                    screen.nav.endSwipe(pager.dragOffset, centroid.velocity.x, pager.width)
                    pager.dragOffset = 0
                }
            }
        }
    }

    // --- previous / position / next ---------------------------------------------------
    Item {
        id: controls
        anchors { left: parent.left; right: parent.right; bottom: timeline.top }
        anchors.leftMargin: screen.metrics.gap; anchors.rightMargin: screen.metrics.gap
        anchors.bottomMargin: screen.metrics.gap
        height: screen.metrics.touch

        KioskButton {
            objectName: "previousButton"
            anchors.left: parent.left
            icon: "\u2190"
            text: screen.portrait ? "" : screen.nav.ui.previous
            accessibleName: screen.nav.ui.previous
            enabled: screen.nav.pageIndex > 0
            opacity: enabled ? 1 : 0.35
            onActivated: screen.nav.previous()
        }
        PositionDots {
            anchors.centerIn: parent
            count: screen.nav.eraPageCount
            current: screen.nav.eraPosition - 1
            label: screen.nav.ui.pageOf.arg(screen.nav.eraPosition).arg(screen.nav.eraPageCount)
        }
        KioskButton {
            objectName: "nextButton"
            anchors.right: parent.right
            icon: "\u2192"
            text: screen.portrait ? "" : screen.nav.ui.next
            accessibleName: screen.nav.ui.next
            iconAfter: true
            primary: true
            enabled: screen.nav.pageIndex < screen.nav.pageCount - 1
            opacity: enabled ? 1 : 0.35
            onActivated: screen.nav.next()
        }
    }

    Timeline {
        id: timeline
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    Connections {
        target: screen.nav
        function onResetDone() { pager.dragOffset = 0 }
    }
}

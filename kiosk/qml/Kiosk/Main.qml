pragma ComponentBehavior: Bound
import QtQuick
import ExhibitKiosk

// The kiosk window. Everything it shows is bound to the Python objects of its engine's
// Backend; it decides nothing itself.
Window {
    id: window

    readonly property Navigator nav: Backend.nav
    readonly property PagesModel pages: Backend.pages
    readonly property ErasModel eras: Backend.eras
    readonly property ScreenMetrics metrics: Backend.metrics
    readonly property var theme: Backend.theme
    readonly property IdleMonitor idle: Backend.idle
    readonly property OpeningHours hours: Backend.hours
    readonly property string fontFamily: Backend.fontFamily
    readonly property string headingFamily: Backend.headingFamily

    // At the kiosk's start-up only the welcome screen is built before the first frame
    // (deferScreens, set at creation); the screens behind it are built in the background
    // once Python sets screensWanted, and at once whenever a visitor or staff need one
    // sooner. Otherwise (tests, `kiosk render`) every screen is built with the window.
    // The Loaders name files rather than types, so that not even their types are loaded
    // before they are wanted.
    property bool deferScreens: false
    property bool screensWanted: false
    readonly property bool welcomeOnly: nav.screen === Navigator.Welcome
    readonly property bool buildScreens: !deferScreens || screensWanted || !welcomeOnly
    readonly property bool buildInBackground: deferScreens && welcomeOnly

    // Kiosk mode (set when the window is created): nothing to drag or close.
    property bool locked: false

    function moveFocus(forward: bool) {
        const next = activeFocusItem.nextItemInFocusChain(forward)
        if (next) next.forceActiveFocus(Qt.TabFocusReason)
    }

    title: nav.title
    color: theme.background
    flags: locked ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    onClosing: (close) => { close.accepted = !locked }  // guard: locked-window-refuses-close

    Item {
        id: root
        objectName: "root"
        anchors.fill: parent
        focus: true

        // An accessible kiosk keypad: Up and Down move the focus, the rest is the navigator's.
        Keys.onUpPressed: window.moveFocus(false)
        Keys.onDownPressed: window.moveFocus(true)
        Keys.onPressed: (event) => { event.accepted = window.nav.pressKey(event.key) }

        WelcomeScreen {
            anchors.fill: parent
            visible: opacity > 0
            opacity: window.nav.screen === Navigator.Welcome ? 1 : 0
            Behavior on opacity { enabled: window.nav.animate; NumberAnimation { duration: 250 } }
        }

        Loader {
            anchors.fill: parent
            active: window.buildScreens
            asynchronous: window.buildInBackground
            source: "ExhibitScreen.qml"
            enabled: !window.nav.viewerOpen  // the open viewer above takes every touch
            visible: opacity > 0
            opacity: window.nav.screen === Navigator.Exhibit ? 1 : 0
            Behavior on opacity { enabled: window.nav.animate; NumberAnimation { duration: 250 } }
        }

        Loader {
            anchors.fill: parent
            active: window.buildScreens
            asynchronous: window.buildInBackground
            source: "ClosingScreen.qml"
            visible: opacity > 0
            opacity: window.nav.screen === Navigator.Closing ? 1 : 0
            Behavior on opacity { enabled: window.nav.animate; NumberAnimation { duration: 250 } }
        }

        Loader {
            anchors.fill: parent
            active: window.buildScreens
            asynchronous: window.buildInBackground
            source: "EraChooser.qml"
        }

        Loader {
            anchors.fill: parent
            active: window.buildScreens
            asynchronous: window.buildInBackground
            source: "ImageViewer.qml"
        }

        // Staff previews only: why the last edit was not taken.
        Rectangle {
            objectName: "staffBanner"
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: bannerText.implicitHeight + window.metrics.gap * 2
            visible: Backend.banner.text !== ""
            color: "#7a1f1f"
            Text {
                id: bannerText
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: window.metrics.gap }
                text: Backend.banner.text
                textFormat: Text.PlainText
                wrapMode: Text.WrapAnywhere
                color: "#ffffff"
                font.family: "monospace"
                font.pixelSize: window.metrics.body * 0.6
            }
        }

        // Outside opening hours: above every screen, below only the staff overlay (staff
        // need their menu at night). Built only while closed.
        Loader {
            anchors.fill: parent
            z: 5
            active: !window.hours.open
            source: "ClosedScreen.qml"
        }

        Loader {
            anchors.fill: parent
            z: 10
            // The keyboard chord can open the staff menu before the rest is built.
            active: window.buildScreens || Backend.staff.padOpen || Backend.staff.menuOpen
            asynchronous: window.buildInBackground && !Backend.staff.padOpen
                          && !Backend.staff.menuOpen
            source: "StaffOverlay.qml"
        }

        Loader {
            anchors.fill: parent
            active: window.buildScreens
            asynchronous: window.buildInBackground
            source: "IdlePrompt.qml"
        }
    }
}

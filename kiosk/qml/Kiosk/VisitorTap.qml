import QtQuick

// A visitor's tap: whatever is touched acts when the finger lifts, however long it rested
// there first. A plain TapHandler counts a touch held past its long-press time (under a
// second) as no tap at all, and hesitant hands rest on a touchscreen.
TapHandler {
    longPressThreshold: 0  // no long press: a held touch stays a tap
}

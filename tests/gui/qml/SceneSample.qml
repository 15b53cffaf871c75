import QtQuick

// A window with one of each case the scene survey must tell apart.
Window {
    width: 400; height: 300
    visible: true
    color: "#101010"

    Text { objectName: "plain"; x: 10; y: 10; text: "Plain"; color: "white"; font.pixelSize: 20 }
    Text { objectName: "invisible"; x: 10; y: 40; text: "Invisible"; visible: false }
    Item {
        opacity: 0
        Text { objectName: "transparent"; x: 10; y: 70; text: "Transparent" }
    }
    Text { objectName: "away"; x: 500; y: 10; text: "Away" }
    Text { objectName: "empty"; x: 10; y: 100; text: "" }
    Text { objectName: "pointSized"; x: 300; y: 100; text: "Pt"; font.pointSize: 18 }

    Image {
        x: 200; y: 10; width: 100; height: 60
        Text { objectName: "onPicture"; text: "Label" }
    }

    Rectangle {
        objectName: "button"
        property bool control: true
        x: 10; y: 120; width: 120; height: 40; radius: 20
        color: "#e0b66a"
        Text { objectName: "buttonLabel"; anchors.centerIn: parent; text: "Go"; font.pixelSize: 18 }
    }
    Item {
        objectName: "ghost"
        property bool control: true
        enabled: false
        x: 150; y: 120; width: 80; height: 40
        Rectangle { anchors.fill: parent; radius: 8; color: "#333333" }
    }

    Item {
        clip: true
        x: 10; y: 180; width: 200; height: 30
        Text { objectName: "clipped"; text: "One\nTwo\nThree"; font.pixelSize: 18; lineHeight: 1.0 }
    }

    Text { objectName: "covered"; x: 250; y: 200; text: "Covered" }
    Rectangle { x: 240; y: 190; width: 150; height: 100; color: "#e0000000" }

    Text { objectName: "faded"; x: 250; y: 40; text: "Faded" }
    Rectangle {
        x: 240; y: 30; width: 150; height: 50
        gradient: Gradient {
            GradientStop { position: 0; color: "transparent" }
            GradientStop { position: 1; color: "#101010" }
        }
    }
}

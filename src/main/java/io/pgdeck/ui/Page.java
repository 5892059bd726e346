package io.pgdeck.ui;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** A screen in the navigation: adding one is one class and one line in the main window. */
public interface Page {

    String title();

    Ikon icon();

    Node view();
}

package io.pgdeck.ui;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** A screen in the navigation, as its {@link Screen} returns it. */
public interface Page {

    String title();

    Ikon icon();

    Node view();
}

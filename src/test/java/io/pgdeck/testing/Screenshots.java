package io.pgdeck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;

/** PNGs of what a test sees, under target/screenshots/, for people to look at. */
public final class Screenshots {

    private Screenshots() {}

    public static Path directory() {
        return Path.of(System.getProperty("pgdeck.screenshots", "target/screenshots"));
    }

    /** Snapshots the scene on the JavaFX thread and writes {@code name}.png. */
    public static Path save(Scene scene, String name) {
        try {
            WritableImage image = FxToolkit.setupFixture(() -> scene.snapshot(null));
            Path file = directory().resolve(name + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

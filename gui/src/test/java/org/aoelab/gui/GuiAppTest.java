package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuiAppTest {
    private static final String KEY = "prism.disableRegionCaching";
    private final String before = System.getProperty(KEY);

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(KEY);
        else System.setProperty(KEY, before);
    }

    @Test
    void backgroundsAreDrawnDirectlyUnlessTheUserChose() {
        System.clearProperty(KEY);
        GuiApp.drawBackgroundsDirectly();
        assertThat(System.getProperty(KEY)).isEqualTo("true");
        System.setProperty(KEY, "false");
        GuiApp.drawBackgroundsDirectly();
        assertThat(System.getProperty(KEY)).isEqualTo("false");
    }
}

package org.aoelab.gui;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for the TestFX tests: wait (with a deadline) until the FX side shows something. */
final class FxTesting {
    private FxTesting() {
    }

    /** Waits until {@code condition}, checked on the FX thread, holds; fails after 30 s. */
    static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return GuiApp.onFx(condition::getAsBoolean);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}

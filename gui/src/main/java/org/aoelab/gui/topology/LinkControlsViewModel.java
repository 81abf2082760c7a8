package org.aoelab.gui.topology;

import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.aoelab.gui.model.LinkSettings;
import org.aoelab.gui.model.NodeInfo;

/**
 * The controls of the selected node's link, in the units people think in (percent,
 * milliseconds, Mbit/s). Every change is applied to the running simulation at once through the
 * {@code apply} sink (which posts it to the simulation thread); an impossible value is refused
 * with the reason in {@link #errorProperty()} and not applied.
 */
public final class LinkControlsViewModel {
    private final TopologyViewModel topology;
    private final BiConsumer<String, LinkSettings> apply;

    // Properties (the controls edit these)
    private final ObjectProperty<LinkSettings.LossKind> lossModel = new SimpleObjectProperty<>(this, "lossModel", LinkSettings.LossKind.RANDOM);
    private final DoubleProperty lossPercent = new SimpleDoubleProperty(this, "lossPercent", 0);
    private final DoubleProperty burstExitPercent = new SimpleDoubleProperty(this, "burstExitPercent", 50);
    private final DoubleProperty delayMs = new SimpleDoubleProperty(this, "delayMs", 0);
    private final DoubleProperty jitterMs = new SimpleDoubleProperty(this, "jitterMs", 0);
    private final DoubleProperty duplicatePercent = new SimpleDoubleProperty(this, "duplicatePercent", 0);
    private final DoubleProperty reorderPercent = new SimpleDoubleProperty(this, "reorderPercent", 0);
    private final DoubleProperty corruptPercent = new SimpleDoubleProperty(this, "corruptPercent", 0);
    private final DoubleProperty rateMbps = new SimpleDoubleProperty(this, "rateMbps", 0);
    private final IntegerProperty mtu = new SimpleIntegerProperty(this, "mtu", 1500);
    private final BooleanProperty up = new SimpleBooleanProperty(this, "up", true);
    private final ReadOnlyStringWrapper node = new ReadOnlyStringWrapper(this, "node", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "Click a link to change it.");

    private boolean loading;
    private LinkSettings last;

    public LinkControlsViewModel(TopologyViewModel topology, BiConsumer<String, LinkSettings> apply) {
        this.topology = topology;
        this.apply = apply;
        topology.selectedProperty().addListener((o, a, b) -> load());
        topology.nodes().addListener((javafx.collections.ListChangeListener<NodeInfo>) c -> {
            NodeInfo n = topology.node(topology.selectedProperty().get());
            if (n != null && (!n.name().equals(node.get()) || !n.link().equals(last))) load();
        });
        for (ObservableValue<?> p : new ObservableValue<?>[] {lossModel, lossPercent, burstExitPercent, delayMs, jitterMs,
                duplicatePercent, reorderPercent, corruptPercent, rateMbps, mtu, up}) {
            p.addListener((o, a, b) -> changed());
        }
    }

    // ------------------------------------------------------------------ Properties

    public ObjectProperty<LinkSettings.LossKind> lossModelProperty() {
        return lossModel;
    }

    public DoubleProperty lossPercentProperty() {
        return lossPercent;
    }

    public DoubleProperty burstExitPercentProperty() {
        return burstExitPercent;
    }

    public DoubleProperty delayMsProperty() {
        return delayMs;
    }

    public DoubleProperty jitterMsProperty() {
        return jitterMs;
    }

    public DoubleProperty duplicatePercentProperty() {
        return duplicatePercent;
    }

    public DoubleProperty reorderPercentProperty() {
        return reorderPercent;
    }

    public DoubleProperty corruptPercentProperty() {
        return corruptPercent;
    }

    public DoubleProperty rateMbpsProperty() {
        return rateMbps;
    }

    public IntegerProperty mtuProperty() {
        return mtu;
    }

    public BooleanProperty upProperty() {
        return up;
    }

    /** The node whose link is edited, {@code ""} for none. */
    public ReadOnlyStringProperty nodeProperty() {
        return node.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The settings the controls describe now (may throw when a value is out of range). */
    public LinkSettings settings() {
        return new LinkSettings(lossModel.get(), lossPercent.get() / 100, burstExitPercent.get() / 100,
                Math.round(delayMs.get() * 1e6), Math.round(jitterMs.get() * 1e6), duplicatePercent.get() / 100,
                reorderPercent.get() / 100, corruptPercent.get() / 100, Math.round(rateMbps.get() * 1e6), mtu.get(), up.get());
    }

    // ------------------------------------------------------------------ Commands

    /** Puts every control back to "no impairment", applied at once. */
    public void clear() {
        loading = true;
        try {
            set(LinkSettings.CLEAN.withMtu(mtu.get()));
        } finally {
            loading = false;
        }
        changed();
    }

    private void load() {
        NodeInfo n = topology.node(topology.selectedProperty().get());
        node.set(n == null ? "" : n.name());
        if (n == null) {
            heading.set("Click a link to change it.");
            return;
        }
        heading.set("Link " + n.name() + " <-> switch" + (n.detail().isEmpty() ? "" : " (" + n.detail() + ")"));
        loading = true;
        try {
            set(n.link());
            last = n.link();
            error.set("");
        } finally {
            loading = false;
        }
    }

    private void set(LinkSettings s) {
        lossModel.set(s.lossModel());
        lossPercent.set(s.loss() * 100);
        burstExitPercent.set(s.burstExit() * 100);
        delayMs.set(s.delay() / 1e6);
        jitterMs.set(s.jitter() / 1e6);
        duplicatePercent.set(s.duplicate() * 100);
        reorderPercent.set(s.reorder() * 100);
        corruptPercent.set(s.corrupt() * 100);
        rateMbps.set(s.rate() / 1e6);
        mtu.set(s.mtu());
        up.set(s.up());
    }

    private void changed() {
        if (loading || node.get().isEmpty()) return;
        LinkSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        if (s.equals(last)) return;
        last = s;
        apply.accept(node.get(), s);
    }
}

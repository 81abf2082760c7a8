package org.aoelab.gui.topology;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.model.NodeInfo;
import org.aoelab.gui.model.Update;

/** The network as last reported (nodes, links and their settings) and the node whose link is being edited. */
public final class TopologyViewModel implements LabViewModel.UpdateListener {
    private final ObservableList<NodeInfo> nodes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper(this, "selected", "");

    /** The nodes with their links; replaced as a whole when the simulation reports a change. */
    public ObservableList<NodeInfo> nodes() {
        return nodes;
    }

    /** The node whose link the controls edit, or {@code ""}. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Opens the controls of {@code node}'s link. */
    public void select(String node) {
        selected.set(node == null ? "" : node);
    }

    public NodeInfo node(String name) {
        for (NodeInfo n : nodes) {
            if (n.name().equals(name)) return n;
        }
        return null;
    }

    @Override
    public void update(Update u) {
        if (u instanceof Update.Topology t) {
            if (!t.nodes().equals(nodes)) nodes.setAll(t.nodes());
            if (!selected.get().isEmpty() && node(selected.get()) == null) selected.set("");
        }
    }

    @Override
    public void reset() {
        nodes.setAll(List.of());
    }
}

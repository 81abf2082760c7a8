package org.aoelab.gui.topology;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.gui.model.NodeInfo;

/**
 * Where the topology's shapes go: the switch in the middle, initiators on an arc to its left,
 * targets on an arc to its right, bare ports (TAP) below; a link from each node to the switch
 * with its label half-way. A pure function, tested without a toolkit.
 */
public final class TopologyLayout {
    public static final double NODE_RADIUS = 22;

    public record Placed(NodeInfo node, double x, double y) {
    }

    public record LinkLine(String node, double x1, double y1, double x2, double y2, double labelX, double labelY,
                           String label, int severity) {
    }

    public record Layout(double switchX, double switchY, List<Placed> nodes, List<LinkLine> links) {
    }

    private TopologyLayout() {
    }

    public static Layout layout(List<NodeInfo> nodes, double width, double height) {
        double cx = width / 2;
        double cy = height / 2;
        double rx = Math.max(60, width / 2 - NODE_RADIUS - 36);
        double ry = Math.max(40, height / 2 - NODE_RADIUS - 24);
        List<NodeInfo> left = new ArrayList<>();
        List<NodeInfo> right = new ArrayList<>();
        List<NodeInfo> bottom = new ArrayList<>();
        for (NodeInfo n : nodes) {
            switch (n.kind()) {
                case INITIATOR -> left.add(n);
                case TARGET -> right.add(n);
                default -> bottom.add(n);
            }
        }
        List<Placed> placed = new ArrayList<>();
        arc(left, Math.PI, cx, cy, rx, ry, placed);
        arc(right, 0, cx, cy, rx, ry, placed);
        for (int i = 0; i < bottom.size(); i++) {
            double x = cx + (i - (bottom.size() - 1) / 2.0) * 2.5 * NODE_RADIUS * 2;
            placed.add(new Placed(bottom.get(i), x, cy + ry));
        }
        List<LinkLine> links = new ArrayList<>();
        for (Placed p : placed) {
            String label = p.node().link().summary();
            links.add(new LinkLine(p.node().name(), p.x(), p.y(), cx, cy, (p.x() + cx) / 2, (p.y() + cy) / 2 - 10, label,
                    p.node().link().severity()));
        }
        return new Layout(cx, cy, placed, links);
    }

    /** Spreads {@code ns} over an arc of up to 120 degrees centred on {@code angle}. */
    private static void arc(List<NodeInfo> ns, double angle, double cx, double cy, double rx, double ry, List<Placed> out) {
        int n = ns.size();
        double span = n <= 1 ? 0 : Math.min(Math.toRadians(120), Math.toRadians(30) * (n - 1));
        for (int i = 0; i < n; i++) {
            double a = angle + (n <= 1 ? 0 : -span / 2 + span * i / (n - 1));
            out.add(new Placed(ns.get(i), cx + rx * Math.cos(a), cy - ry * Math.sin(a)));
        }
    }
}

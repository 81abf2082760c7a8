package org.aoelab.gui.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.gui.Labs;
import org.aoelab.gui.frames.FrameListViewModel;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.Frames;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Field;
import org.junit.jupiter.api.Test;

class DecodeViewModelTest {
    private final Labs lab = new Labs().open("basics", 1).runToEnd();
    private final DecodeViewModel vm = lab.vm.decode();

    private long first(String summaryPrefix) {
        for (FrameRow r : lab.vm.frames().rows()) {
            if (r.summary().startsWith(summaryPrefix)) return r.seq();
        }
        throw new AssertionError("no frame " + summaryPrefix);
    }

    private Field field(String name) {
        for (Field f : vm.dissectionProperty().get().fields()) {
            if (f.name().equals(name)) return f;
            for (Field c : f.children()) {
                if (c.name().equals(name)) return c;
            }
        }
        throw new AssertionError("no field " + name);
    }

    @Test
    void selectingAFrameDissectsIt() {
        long seq = first("WRITE EXT lba");
        lab.vm.frames().select(seq);
        assertThat(vm.dissectionProperty().get().summary()).startsWith("WRITE EXT lba 0 x2");
        assertThat(vm.headingProperty().get()).startsWith("Frame " + seq + " ·").contains("h1 → t1").contains("1060 bytes");
        assertThat(vm.bytes().length()).isEqualTo(1060);
        lab.vm.frames().select(0);
        assertThat(vm.dissectionProperty().get()).isNull();
        assertThat(vm.headingProperty().get()).isEqualTo("No frame selected");
    }

    @Test
    void theSelectedFrameKeepsItsBytesWhenTheStoreReusesTheirMemory() {
        FrameStore store = new FrameStore(FrameStore.SEGMENT, 1 << 20);
        FrameListViewModel frames = new FrameListViewModel(store);
        DecodeViewModel decode = new DecodeViewModel(frames);
        store.append(1, 0, "h1", "t1", Frames.readRequest(7, 100), 0, 0, null);
        store.append(2, 1, "t1", "h1", Frames.readAnswer(7, 100), 0, 1, null);
        store.pair(1, 2);
        frames.appended(1);
        frames.appended(2);
        frames.select(2);
        String summary = decode.dissectionProperty().get().summary();
        Bytes shown = Bytes.copyOf(decode.bytes().toArray());
        for (long q = 3; q <= 3L * FrameStore.SEGMENT; q++) { // the third segment starts in the first one's memory
            store.append(q, q, "t1", "h1", Bytes.repeat(0xEE, 1060), 0, 0, null);
        }
        assertThat(store.recycledChunks()).isGreaterThan(4);
        assertThat(store.contains(2)).isFalse();
        assertThat(decode.bytes()).isEqualTo(shown).isEqualTo(Frames.readAnswer(7, 100));
        assertThat(decode.dissectionProperty().get().summary()).isEqualTo(summary).startsWith("READ EXT answer ok");
    }

    @Test
    void anAnswerIsExplainedWithItsRequestsCommand() {
        lab.vm.frames().select(first("READ EXT answer"));
        assertThat(vm.dissectionProperty().get().summary()).startsWith("READ EXT answer ok");
    }

    @Test
    void selectingAFieldHighlightsItsBytes() {
        lab.vm.frames().select(first("WRITE EXT lba"));
        vm.selectField(field("aoe.major"));
        assertThat(vm.highlightFromProperty().get()).isEqualTo(16);
        assertThat(vm.highlightLengthProperty().get()).isEqualTo(2);
        assertThat(vm.highlightMaskProperty().get()).isZero();
        assertThat(vm.fieldTextProperty().get()).isEqualTo("aoe.major = 0x0001: shelf 1 (bytes 16-17)");
        vm.selectField(field("aoe.response"));
        assertThat(vm.highlightFromProperty().get()).isEqualTo(14);
        assertThat(vm.highlightMaskProperty().get()).isEqualTo(0x08);
        assertThat(vm.fieldTextProperty().get()).endsWith("(byte 14, bits 0x08)");
        vm.selectField(null);
        assertThat(vm.highlightFromProperty().get()).isEqualTo(-1);
    }

    @Test
    void selectingAByteSelectsTheNarrowestFieldThatCoversIt() {
        lab.vm.frames().select(first("WRITE EXT lba"));
        vm.selectByte(21);
        assertThat(vm.selectedFieldProperty().get().name()).isEqualTo("aoe.tag");
        vm.selectByte(14);
        assertThat(vm.selectedFieldProperty().get().name()).as("the byte, not one of its bits").isEqualTo("aoe.verflags");
        vm.selectByte(500);
        assertThat(vm.selectedFieldProperty().get().name()).isEqualTo("aoe.data");
        assertThat(vm.highlightFromProperty().get()).isEqualTo(36);
        vm.selectByte(5000);
        assertThat(vm.selectedFieldProperty().get()).isNull();
    }

    @Test
    void thePathToANestedFieldStartsAtItsParent() {
        lab.vm.frames().select(first("WRITE EXT lba"));
        Field w = field("aoe.aflags.w");
        assertThat(vm.pathTo(w)).extracting(Field::name).containsExactly("aoe.aflags", "aoe.aflags.w");
    }
}

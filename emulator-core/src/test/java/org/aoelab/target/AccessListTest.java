package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.OTHER;
import static org.aoelab.target.Harness.assertConfig;
import static org.aoelab.target.Harness.assertDropped;
import static org.aoelab.target.Harness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg.Directive;
import org.junit.jupiter.api.Test;

/** Static accept and deny lists per target, in the manner of ggaoed: checked before the Mac Mask List. */
class AccessListTest {
    private static final MacAddress THIRD = MacAddress.parse("02:00:00:00:00:09");

    private static AoeFrame read(MacAddress from) {
        return request(from, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
    }

    @Test
    void denyList_dropsItsMacsSilently() {
        Harness t = Harness.of(Harness.config().deny(List.of(OTHER)));
        assertDropped(t.send(read(OTHER)), DropReason.ACCESS_DENIED);
        assertConfig(t.send(read(HOST)));
    }

    @Test
    void acceptList_servesOnlyItsMacs() {
        Harness t = Harness.of(Harness.config().accept(List.of(HOST)));
        assertConfig(t.send(read(HOST)));
        assertDropped(t.send(read(OTHER)), DropReason.ACCESS_DENIED);
        assertThat(t.engine.stats().dropped(DropReason.ACCESS_DENIED)).isEqualTo(1);
    }

    @Test
    void denyWinsOverAccept() {
        Harness t = Harness.of(Harness.config().accept(List.of(HOST, OTHER)).deny(List.of(OTHER)));
        assertDropped(t.send(read(OTHER)), DropReason.ACCESS_DENIED);
        assertConfig(t.send(read(HOST)));
    }

    @Test
    void staticListsAreCheckedBeforeTheMaskList_aDeniedMacOnTheMaskIsStillRefused() {
        Harness t = Harness.of(Harness.config().deny(List.of(OTHER)).initialMask(List.of(HOST, OTHER)));
        assertDropped(t.send(read(OTHER)), DropReason.ACCESS_DENIED);
        assertConfig(t.send(read(HOST)));
    }

    @Test
    void maskListStillAppliesToAcceptedMacs() {
        Harness t = Harness.of(Harness.config().accept(List.of(HOST, OTHER)));
        t.answer(Harness.maskEdit(HOST, Directive.add(HOST)));
        assertDropped(t.send(read(OTHER)), DropReason.MASKED);
    }

    @Test
    void deniedHostCannotEditTheMaskOrReserve() {
        Harness t = Harness.of(Harness.config().deny(List.of(OTHER)));
        assertDropped(t.send(Harness.maskEdit(OTHER, Directive.add(OTHER))), DropReason.ACCESS_DENIED);
        assertDropped(t.send(Harness.reserveSet(OTHER, OTHER)), DropReason.ACCESS_DENIED);
        assertThat(t.engine.state().maskList()).isEmpty();
        assertThat(t.engine.state().reserveList()).isEmpty();
    }

    @Test
    void announcement_goesUnicastToEachAcceptedMac_asGgaoed() {
        Harness t = Harness.of(Harness.config().accept(List.of(HOST, THIRD)).deny(List.of(THIRD)));
        assertThat(t.engine.announce()).map(b -> Harness.decode(b).dst()).containsExactly(HOST);
    }

    @Test
    void announcement_toTheMaskList_skipsDeniedMacs() {
        Harness t = Harness.of(Harness.config().deny(List.of(OTHER)).initialMask(List.of(HOST, OTHER)));
        assertThat(t.engine.announce()).map(b -> Harness.decode(b).dst()).containsExactly(HOST);
    }

    @Test
    void groupAddressesInAnAccessList_areRefusedInTheConfiguration() {
        assertThatThrownBy(() -> Harness.config().accept(List.of(MacAddress.BROADCAST)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accept entry 1")
                .hasMessageContaining("group address");
    }
}

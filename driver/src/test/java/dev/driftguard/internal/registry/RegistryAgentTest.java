package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The heartbeat's phase: a rolling deploy's instances, started together, do not beat together. */
class RegistryAgentTest {

    @Test
    void instancesStartedTogetherSpreadTheirHeartbeatsEvenlyOverTheFirstPeriodAndNeverLater() {
        long period = 10_000;
        int[] tenths = new int[10];
        for (int instance = 0; instance < 10_000; instance++) {
            long phase = RegistryAgent.phaseMillis(period);
            assertTrue(phase >= 1 && phase <= period, "phase " + phase + " outside (0, " + period + "]");
            tenths[(int) ((phase - 1) * 10 / period)]++;
        }
        // 1,000 expected in each tenth; 800 and 1,200 are more than six standard deviations away
        assertTrue(Arrays.stream(tenths).allMatch(count -> count > 800 && count < 1_200), Arrays.toString(tenths));
    }
}

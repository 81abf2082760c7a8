/**
 * Test support shared by every module through emulator-core's test-jar: running real tools
 * ({@link org.aoelab.testing.RealTools}) and deciding whether their absence skips a test or fails it.
 */
package org.aoelab.testing;

/**
 * The AoE wire format as values (protocol reference sections 1-3): Ethernet frames, the AoE
 * header, one record per command argument, the codec, and the dissector that explains a frame
 * field by field.
 *
 * <p>Values validate in their constructors, so an invalid frame cannot exist; raw codes stay
 * representable. Decoding is strict and never trusts the frame length for a field's length: a
 * bad frame raises {@link org.aoelab.wire.MalformedFrameException}, whose reason says whether
 * the protocol wants it dropped or answered with an AoE error.
 */
package org.aoelab.wire;

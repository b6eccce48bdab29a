package org.cortexsim.results;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A scalar HDF5 attribute of an enumeration datatype with a signed 8-bit base type, which jHDF
 * 0.13.0 cannot write by itself (its writable datatypes are fixed-point, floating-point and
 * string only; its {@code EnumDataType} is read-only).
 *
 * <p><b>How it is written.</b> jHDF turns every attribute of a writable node into an attribute
 * message by asking the {@link Attribute} for its dataspace, its {@link DataType} (whose {@code
 * toBuffer()} is the datatype message) and its value (encoded by the datatype's {@code
 * encodeData}); the node's object header is then sized from those buffers. This class supplies
 * its own datatype whose message is the enumeration datatype message of the HDF5 file format
 * specification (section IV.A.2.d, class 8, version 1): the base type (a version-1 fixed-point
 * message: little-endian, signed, 1 byte, offset 0, precision 8), the member names, each
 * null-terminated and zero-padded to a multiple of eight bytes, then the member values, one byte
 * each. The value is the member's one-byte code. Nothing else in the file is touched, so the
 * result is an ordinary HDF5 file; {@link SonataWriter} re-opens it and checks that jHDF reads the
 * member name back, and the tests read it with h5dump, h5py and libsonata.
 *
 * <p><b>Invariants.</b> Names are non-empty ASCII without NUL, distinct, at most 255 of them;
 * codes are distinct and fit in a signed byte; the value is one of the codes. Immutable.
 */
final class EnumAttribute implements Attribute {

    /** HDF5 datatype class of enumerations. */
    private static final int ENUM_CLASS = 8;

    private final String name;
    private final Node node;
    private final byte value;
    private final EnumType type;

    /**
     * @param names member names, in order
     * @param codes member codes, parallel to {@code names}
     * @param value the code stored in the attribute
     */
    EnumAttribute(String name, Node node, List<String> names, byte[] codes, byte value) {
        this.name = Objects.requireNonNull(name, "name");
        this.node = node;
        this.type = new EnumType(names, codes);
        boolean known = false;
        for (byte c : codes) {
            known |= c == value;
        }
        if (!known) {
            throw new IllegalArgumentException("enum attribute '" + name + "': value " + value + " is not a member");
        }
        this.value = value;
    }

    @Override
    public Node getNode() {
        return node;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getSize() {
        return 1;
    }

    @Override
    public long getSizeInBytes() {
        return 1;
    }

    @Override
    public int[] getDimensions() {
        return new int[0];
    }

    @Override
    public long[] getDimensionsAsLong() {
        return new long[0];
    }

    @Override
    public Object getData() {
        return value;
    }

    @Override
    public Class<?> getJavaType() {
        return Byte.class;
    }

    @Override
    public boolean isScalar() {
        return true;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public ByteBuffer getBuffer() {
        return type.encodeData(value);
    }

    @Override
    public DataSpace getDataSpace() {
        return DataSpace.fromObject(value);
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    /** The enumeration datatype: writes its own datatype message and one-byte values. */
    private static final class EnumType extends DataType {
        private final List<String> names;
        private final byte[] codes;

        EnumType(List<String> names, byte[] codes) {
            super(ENUM_CLASS, 1);
            if (names.isEmpty() || names.size() != codes.length || names.size() > 255) {
                throw new IllegalArgumentException("enum needs 1..255 names, one code each");
            }
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(n) || n.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("enum member name must be non-empty ASCII: '" + n + "'");
                }
                for (int j = 0; j < i; j++) {
                    if (names.get(j).equals(n) || codes[j] == codes[i]) {
                        throw new IllegalArgumentException("enum members must have distinct names and codes");
                    }
                }
            }
            this.names = List.copyOf(names);
            this.codes = codes.clone();
        }

        @Override
        public ByteBuffer toBuffer() {
            int namesBytes = 0;
            for (String n : names) {
                namesBytes += padded(n.length() + 1);
            }
            ByteBuffer b = ByteBuffer.allocate(8 + 12 + namesBytes + codes.length).order(ByteOrder.LITTLE_ENDIAN);
            // enumeration: class 8, version 1; class bits 0-15 = number of members; size = base type size
            b.put((byte) ((1 << 4) | ENUM_CLASS));
            b.put((byte) (names.size() & 0xFF)).put((byte) (names.size() >>> 8)).put((byte) 0);
            b.putInt(1);
            // base type: fixed-point, class 0, version 1; bit 3 = signed; little-endian; 1 byte; offset 0, precision 8
            b.put((byte) (1 << 4)).put((byte) 0b1000).put((byte) 0).put((byte) 0);
            b.putInt(1);
            b.putShort((short) 0).putShort((short) 8);
            for (String n : names) {
                byte[] ascii = n.getBytes(StandardCharsets.US_ASCII);
                b.put(ascii);
                for (int k = ascii.length; k < padded(ascii.length + 1); k++) {
                    b.put((byte) 0);
                }
            }
            b.put(codes);
            return b.flip();
        }

        private static int padded(int bytes) {
            return (bytes + 7) / 8 * 8;
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            return ByteBuffer.wrap(new byte[] {(Byte) data});
        }

        @Override
        public Class<?> getJavaType() {
            return Byte.class;
        }

        @Override
        public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
            throw new UnsupportedOperationException("this datatype only writes");
        }
    }
}

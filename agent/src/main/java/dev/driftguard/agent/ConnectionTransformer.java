package dev.driftguard.agent;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Adds a call to {@code Dispatcher} around {@code connect(String, Properties)} and {@code getConnection()} /
 * {@code getConnection(String, String)} of every class that implements them: a JDBC driver, a data source, a
 * pool. Whether the object really is a {@code Driver} or {@code DataSource} is decided when the call returns, so
 * no class hierarchy is loaded while classes are being defined. Classes that cannot be rewritten load unchanged.
 */
final class ConnectionTransformer implements ClassFileTransformer {

    private static final String DISPATCHER = "dev/driftguard/agent/bootstrap/Dispatcher";
    private static final String CONNECT = "(Ljava/lang/String;Ljava/util/Properties;)Ljava/sql/Connection;";
    private static final String GET_CONNECTION = "()Ljava/sql/Connection;";
    private static final String GET_CONNECTION_AS = "(Ljava/lang/String;Ljava/lang/String;)Ljava/sql/Connection;";
    /** Every class that declares one of the methods has this in its constant pool. */
    private static final byte[] CONNECTION = "Ljava/sql/Connection;".getBytes(StandardCharsets.US_ASCII);

    private final AtomicBoolean told = new AtomicBoolean();

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (className == null || ignored(className) || !contains(bytes, CONNECTION)) {
            return null;
        }
        try {
            return rewrite(bytes);
        } catch (RuntimeException | LinkageError e) {
            if (told.compareAndSet(false, true)) {
                System.err.println("driftguard agent: cannot instrument " + className.replace('/', '.') + " (" + e
                        + "); its connections are not recorded or guarded");
            }
            return null;
        }
    }

    /** driftguard itself (the application's copy wraps on its own), and the JDK. */
    private static boolean ignored(String className) {
        return className.startsWith("dev/driftguard/") || className.startsWith("java/") || className.startsWith("javax/")
                || className.startsWith("jdk/") || className.startsWith("sun/") || className.startsWith("com/sun/");
    }

    /** The rewritten class, or null when it declares none of the methods. */
    static byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) != 0) {
                    return method;
                }
                if (name.equals("connect") && descriptor.equals(CONNECT)) {
                    changed[0] = true;
                    return new Exits(method, "exitConnect", true);
                }
                if (name.equals("getConnection") && (descriptor.equals(GET_CONNECTION)
                        || descriptor.equals(GET_CONNECTION_AS))) {
                    changed[0] = true;
                    return new Exits(method, "exitGetConnection", false);
                }
                return method;
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** {@code Dispatcher.enterConnect(url, info)} first; {@code Dispatcher.exit…(connection, this)} before each return. */
    private static final class Exits extends MethodVisitor {
        private final String exit;
        private final boolean connect;

        Exits(MethodVisitor method, String exit, boolean connect) {
            super(Opcodes.ASM9, method);
            this.exit = exit;
            this.connect = connect;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (connect) {
                // the parameters are certain to be in slots 1 and 2 only here, at the entry
                super.visitVarInsn(Opcodes.ALOAD, 1);
                super.visitVarInsn(Opcodes.ALOAD, 2);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "enterConnect",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.ARETURN) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, exit,
                        "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
                super.visitTypeInsn(Opcodes.CHECKCAST, "java/sql/Connection");
            }
            super.visitInsn(opcode);
        }
    }

    /** Horspool's search: every class the application loads passes here, most of them without the needle. */
    private static boolean contains(byte[] haystack, byte[] needle) {
        int last = needle.length - 1;
        for (int i = last; i < haystack.length; ) {
            int j = 0;
            while (j <= last && haystack[i - j] == needle[last - j]) {
                j++;
            }
            if (j > last) {
                return true;
            }
            i += SKIP[haystack[i] & 0xFF];
        }
        return false;
    }

    /** How far the search may move on when the byte under the needle's end is {@code b}. */
    private static final int[] SKIP = skipTable(CONNECTION);

    private static int[] skipTable(byte[] needle) {
        int[] skip = new int[256];
        java.util.Arrays.fill(skip, needle.length);
        for (int i = 0; i < needle.length - 1; i++) {
            skip[needle[i] & 0xFF] = needle.length - 1 - i;
        }
        return skip;
    }
}

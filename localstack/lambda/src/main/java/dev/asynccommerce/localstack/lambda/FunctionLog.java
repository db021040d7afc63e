package dev.asynccommerce.localstack.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A function's log: one file that every one of its processes appends stdout and stderr to (the kernel
 * appends, {@code O_APPEND}), and that the service appends Lambda's START/END/REPORT lines to. Because
 * the child writes its output before it posts its response, everything an invocation printed is in the
 * file when its END line is written, so the byte range from START to REPORT is that invocation's log
 * (interleaved with a concurrent invocation's lines, if any, as a shared log stream would be).
 */
final class FunctionLog implements AutoCloseable {
    /** How much of an invocation's log LogType=Tail returns (Lambda: the last 4 KB). */
    static final int TAIL_BYTES = 4096;

    private final Path file;
    private final FileChannel channel;
    private boolean closed;

    FunctionLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the function log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Current end of the file: the start of whatever is appended next. */
    long position() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void append(String line) {
        if (closed) {
            return; // the service closed under a finishing invocation: its lines have nowhere to go
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + file, e);
        }
    }

    /** The last {@link #TAIL_BYTES} of {@code [from, to)}. */
    String tail(long from, long to) {
        long start = Math.max(from, to - TAIL_BYTES);
        int length = (int) Math.max(0, to - start);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (reader.read(buffer, start + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Closing at shutdown: the data is written already.
        }
    }
}

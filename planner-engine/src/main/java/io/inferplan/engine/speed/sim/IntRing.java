package io.inferplan.engine.speed.sim;

/** A growable FIFO of ints that also takes items at its front (preempted requests go back first). */
final class IntRing {
    private int[] items = new int[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int peek() {
        return items[head];
    }

    int poll() {
        int v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    void addLast(int v) {
        grow();
        items[(head + size) & (items.length - 1)] = v;
        size++;
    }

    void addFirst(int v) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        int[] bigger = new int[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) & (items.length - 1)];
        }
        items = bigger;
        head = 0;
    }
}

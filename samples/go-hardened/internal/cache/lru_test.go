package cache

import (
	"sync"
	"testing"
	"time"
)

func TestEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewLRU[string, int](2, time.Minute)
	c.Add("a", 1)
	c.Add("b", 2)
	c.Get("a") // "b" is now the least recently used
	c.Add("c", 3)

	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %d, %v; want 1, true", v, ok)
	}
	if v, ok := c.Get("c"); !ok || v != 3 {
		t.Fatalf("c = %d, %v; want 3, true", v, ok)
	}
	if c.Len() != 2 {
		t.Fatalf("Len = %d; want 2", c.Len())
	}
}

func TestEntriesExpire(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	c := NewLRU[string, int](4, 30*time.Second)
	c.now = func() time.Time { return now }
	c.Add("k", 7)

	now = now.Add(29 * time.Second)
	if _, ok := c.Get("k"); !ok {
		t.Fatal("entry expired too early")
	}
	now = now.Add(time.Second)
	if _, ok := c.Get("k"); ok {
		t.Fatal("entry should have expired after its ttl")
	}
	if c.Len() != 0 {
		t.Fatalf("expired entry still held: Len = %d", c.Len())
	}
}

func TestAddReplacesValueAndRestartsTTL(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	c := NewLRU[string, int](4, 10*time.Second)
	c.now = func() time.Time { return now }
	c.Add("k", 1)
	now = now.Add(8 * time.Second)
	c.Add("k", 2)
	now = now.Add(8 * time.Second)

	if v, ok := c.Get("k"); !ok || v != 2 {
		t.Fatalf("k = %d, %v; want 2, true", v, ok)
	}
}

func TestRemove(t *testing.T) {
	c := NewLRU[int, string](4, time.Minute)
	c.Add(1, "one")
	c.Remove(1)
	c.Remove(2) // absent: no-op

	if _, ok := c.Get(1); ok || c.Len() != 0 {
		t.Fatal("entry not removed")
	}
}

func TestConcurrentUseStaysBounded(t *testing.T) {
	c := NewLRU[int, int](64, time.Minute)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Add(g*1000+i, i)
				c.Get(i)
			}
		}(g)
	}
	wg.Wait()

	if c.Len() != 64 {
		t.Fatalf("Len = %d; want 64", c.Len())
	}
}

func TestRejectsNonPositiveCapacity(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("expected a panic")
		}
	}()
	NewLRU[string, int](0, time.Minute)
}

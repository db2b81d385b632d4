package batch

import "testing"

func TestSizeSet(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		err  bool
	}{
		{"0", 0, false},
		{"1000000", 1000000, false},
		{"512k", 512 << 10, false},
		{"512K", 512 << 10, false},
		{"16M", 16 << 20, false},
		{"1G", 1 << 30, false},
		{"", 0, true},
		{"k", 0, true},
		{"-1", 0, true},
		{"1.5M", 0, true},
		{"16m", 0, true},
		{"99999999999999999999G", 0, true},
	} {
		var s Size
		err := s.Set(c.in)
		if (err != nil) != c.err || (err == nil && int(s) != c.want) {
			t.Errorf("Set(%q) = %d, %v; want %d, error %v", c.in, s, err, c.want, c.err)
		}
		if err == nil && s.String() == "" {
			t.Errorf("Set(%q): empty String()", c.in)
		}
	}
}

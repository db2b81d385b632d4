package batch

import (
	"errors"
	"strconv"
	"strings"
)

// Size is a byte count read from a flag: digits with an optional suffix k, M
// or G (powers of 1024). It implements flag.Value and pflag.Value, so the CLI
// and the Beam pipeline parse --max-bytes alike: fs.Var((*batch.Size)(&n), …).
type Size int

// String returns the byte count in decimal.
func (s *Size) String() string { return strconv.Itoa(int(*s)) }

// Type names the flag's value in help text.
func (s *Size) Type() string { return "size" }

// Set parses v ("1000000", "512k", "16M", "1G").
func (s *Size) Set(v string) error {
	mult := 1
	switch {
	case strings.HasSuffix(v, "k"), strings.HasSuffix(v, "K"):
		mult = 1 << 10
	case strings.HasSuffix(v, "M"):
		mult = 1 << 20
	case strings.HasSuffix(v, "G"):
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return errors.New("not a size in bytes (e.g. 1000000, 512k, 16M)")
	}
	*s = Size(n * mult)
	return nil
}

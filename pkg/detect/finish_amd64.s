//go:build amd64 && !purego

#include "textflag.h"

// Lane constants: one float64 bit pattern in each of four lanes.
#define LANES(sym, bits) \
	DATA sym<>+0(SB)/8, bits; \
	DATA sym<>+8(SB)/8, bits; \
	DATA sym<>+16(SB)/8, bits; \
	DATA sym<>+24(SB)/8, bits; \
	GLOBL sym<>(SB), RODATA|NOPTR, $32

LANES(absmask, $0x7fffffffffffffff)
LANES(tiny, $1e-12)
LANES(posinf, $0x7ff0000000000000)
LANES(nan, $0x7ff8000000000001) // math.NaN(), so gaps match finishGo bit for bit
LANES(one, $1.0)
GLOBL zero<>(SB), RODATA|NOPTR, $32

// bools[m] holds four bytes, byte j being bit j of the lane mask m.
DATA bools<>+0(SB)/4, $0x00000000
DATA bools<>+4(SB)/4, $0x00000001
DATA bools<>+8(SB)/4, $0x00000100
DATA bools<>+12(SB)/4, $0x00000101
DATA bools<>+16(SB)/4, $0x00010000
DATA bools<>+20(SB)/4, $0x00010001
DATA bools<>+24(SB)/4, $0x00010100
DATA bools<>+28(SB)/4, $0x00010101
DATA bools<>+32(SB)/4, $0x01000000
DATA bools<>+36(SB)/4, $0x01000001
DATA bools<>+40(SB)/4, $0x01000100
DATA bools<>+44(SB)/4, $0x01000101
DATA bools<>+48(SB)/4, $0x01010000
DATA bools<>+52(SB)/4, $0x01010001
DATA bools<>+56(SB)/4, $0x01010100
DATA bools<>+60(SB)/4, $0x01010101
GLOBL bools<>(SB), RODATA|NOPTR, $64

// func finishAVX2(xs, yh, lo, up, sc *float64, an *bool, n int, shift, invw, invwm1, k, floor float64, flip, enable uint64)
//
// finishGo, four lanes at a time. Go's AVX operand order is Intel's
// reversed: VSUBPD b, a, d is d = a − b.
TEXT ·finishAVX2(SB), NOSPLIT, $0-112
	MOVQ xs+0(FP), SI
	MOVQ yh+8(FP), DI
	MOVQ lo+16(FP), R8
	MOVQ up+24(FP), R9
	MOVQ sc+32(FP), R10
	MOVQ an+40(FP), R11
	MOVQ n+48(FP), CX
	VBROADCASTSD shift+56(FP), Y9
	VBROADCASTSD invw+64(FP), Y8
	VBROADCASTSD invwm1+72(FP), Y10
	VBROADCASTSD k+80(FP), Y15
	VBROADCASTSD floor+88(FP), Y14
	MOVQ flip+96(FP), BX
	MOVQ BX, X12
	VPBROADCASTQ X12, Y12
	MOVQ enable+104(FP), BX
	MOVQ BX, X11
	VPBROADCASTQ X11, Y11
	VMOVUPD absmask<>(SB), Y13
	LEAQ bools<>(SB), DX
	XORQ AX, AX

loop:
	// μ = K + S/w and σ² = max(Q − S·μ', 0)/(w − 1), μ' = S/w.
	VMOVUPD (DI)(AX*8), Y0       // S
	VMOVUPD (R10)(AX*8), Y1      // Q
	VMULPD  Y8, Y0, Y2           // μ'
	VMULPD  Y2, Y0, Y3
	VSUBPD  Y3, Y1, Y1           // M2
	VCMPPD  $0x11, zero<>(SB), Y1, Y3
	VANDNPD Y1, Y3, Y1           // M2 < 0 → 0
	VADDPD  Y2, Y9, Y3           // c = μ
	VMULPD  Y10, Y1, Y0          // σ²

	// h = k·σ, raised to the floor (a NaN h stays NaN: NaN < floor is false).
	VSQRTPD   Y0, Y0
	VMULPD    Y0, Y15, Y0
	VCMPPD    $0x11, Y14, Y0, Y1 // h < floor
	VBLENDVPD Y1, Y14, Y0, Y0

	// dev = |x − c|, zeroed on the untested side.
	VMOVUPD (SI)(AX*8), Y2       // x
	VSUBPD  Y3, Y2, Y4           // d
	VANDPD  Y13, Y4, Y5          // dev
	VCMPPD  $0x11, zero<>(SB), Y4, Y1 // d < 0
	VXORPD  Y12, Y1, Y1
	VANDPD  Y11, Y1, Y1
	VANDNPD Y5, Y1, Y5

	// s = dev/h; +Inf where h is zero to rounding, 0 where dev is (unless
	// dev is infinite).
	VDIVPD    Y0, Y5, Y1
	VANDPD    Y13, Y3, Y6        // |c|
	VANDPD    Y13, Y2, Y7        // |x|
	VMAXPD    Y7, Y6, Y7         // |c| > |x| ? |c| : |x|
	VMULPD    tiny<>(SB), Y7, Y7
	VMULPD    tiny<>(SB), Y6, Y6
	VCMPPD    $0x12, Y6, Y0, Y6  // h ≤ 1e-12·|c|
	VBLENDVPD Y6, posinf<>(SB), Y1, Y1
	VCMPPD    $0x12, Y7, Y5, Y7  // dev ≤ 1e-12·tiny
	VCMPPD    $0x11, posinf<>(SB), Y5, Y4 // dev < +Inf
	VANDPD    Y4, Y7, Y7
	VANDNPD   Y1, Y7, Y1

	// A NaN centre or half-width is a gap: c, h and s are NaN.
	VCMPPD    $0x03, Y3, Y3, Y6
	VCMPPD    $0x03, Y0, Y0, Y7
	VORPD     Y7, Y6, Y6
	VBLENDVPD Y6, nan<>(SB), Y3, Y3
	VBLENDVPD Y6, nan<>(SB), Y0, Y0
	VBLENDVPD Y6, nan<>(SB), Y1, Y1

	VMOVUPD   Y3, (DI)(AX*8)
	VSUBPD    Y0, Y3, Y2
	VMOVUPD   Y2, (R8)(AX*8)
	VADDPD    Y0, Y3, Y2
	VMOVUPD   Y2, (R9)(AX*8)
	VMOVUPD   Y1, (R10)(AX*8)
	VCMPPD    $0x1e, one<>(SB), Y1, Y2 // s > 1
	VMOVMSKPD Y2, BX
	MOVL      (DX)(BX*4), BX
	MOVL      BX, (R11)(AX*1)

	ADDQ $4, AX
	CMPQ AX, CX
	JLT  loop

	VZEROUPPER
	RET

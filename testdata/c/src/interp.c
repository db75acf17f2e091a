/* A switch-heavy bytecode interpreter loop (jump tables) running a few small programs. */
#include <stdio.h>

enum { PUSH, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, DROP, JZ, JMP, LOAD, STORE, LT, PRINT, HALT, INC, DEC, NEG, AND, OR, XOR, SHL, SHR };

static long long run(const int *code, int trace) {
    long long stack[64], vars[8] = {0};
    int sp = 0, pc = 0, steps = 0;
    for (;;) {
        steps++;
        int op = code[pc++];
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { long long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case DROP: sp--; break;
        case JZ: if (stack[--sp] == 0) pc = code[pc]; else pc++; break;
        case JMP: pc = code[pc]; break;
        case LOAD: stack[sp++] = vars[code[pc++]]; break;
        case STORE: vars[code[pc++]] = stack[--sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case PRINT: if (trace) printf("%lld\n", stack[sp - 1]); break;
        case INC: stack[sp - 1]++; break;
        case DEC: stack[sp - 1]--; break;
        case NEG: stack[sp - 1] = -stack[sp - 1]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OR: sp--; stack[sp - 1] |= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHL: sp--; stack[sp - 1] <<= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case HALT: printf("steps %d\n", steps); return sp ? stack[sp - 1] : 0;
        default: printf("bad op %d\n", op); return -1;
        }
    }
}

int main(void) {
    /* sum of i*i mod 7 xor i for i < 200000, in vars[0], counter vars[1] */
    static const int loop[] = {
        PUSH, 0, STORE, 0, PUSH, 0, STORE, 1,
        /* 8 */ LOAD, 1, PUSH, 200000, LT, JZ, 40,
        LOAD, 0, LOAD, 1, DUP, MUL, PUSH, 7, MOD, LOAD, 1, XOR, ADD, STORE, 0,
        LOAD, 1, INC, STORE, 1, JMP, 8, HALT, HALT, HALT,
        /* 40 */ LOAD, 0, PRINT, HALT};
    printf("result %lld\n", run(loop, 1));
    /* factorial 20 by repeated multiplication */
    static const int fact2[] = {PUSH, 1, STORE, 0, PUSH, 20, STORE, 1,
        LOAD, 1, JZ, 26, LOAD, 0, LOAD, 1, MUL, STORE, 0, LOAD, 1, DEC, STORE, 1, JMP, 8, LOAD, 0, PRINT, HALT};
    printf("result %lld\n", run(fact2, 1));
    static const int bits[] = {PUSH, 1, PUSH, 40, SHL, PUSH, 3, SHR, PUSH, 255, OR, NEG, PRINT, PUSH, 0xffff, AND, PRINT, HALT};
    printf("result %lld\n", run(bits, 1));
    return 0;
}

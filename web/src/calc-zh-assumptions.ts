// The calculators' assumption sentences (built in src/calc/ and shared with `mianba calc`) in Chinese, for the zh
// UI: one whole-sentence pattern per template, numbers, dtypes and names carried over. Pure; a sentence no pattern
// knows (a new template) stays in English rather than being half translated. Sources (paper titles) stay as written.

type Render = (...groups: string[]) => string;

const bytesParts: [RegExp, string][] = [
  [/ fp32 master weights \(the optimizer updates these; fp16 updates would underflow\)/g, ' fp32 主权重(优化器更新的是它;fp16 更新会下溢)'],
  [/first moment m \+ second moment v/g, '一阶矩 m + 二阶矩 v'],
  [/ momentum/g, ' 动量'],
  [/ weights/g, ' 权重'],
  [/ gradients/g, ' 梯度'],
];

const frozenParts: [RegExp, Render][] = [
  [/^the base weights stay frozen in (\S+) \((\d+) B\/param\)\.$/, (dtype, bytes) => `基座权重以 ${dtype} 冻结(每参数 ${bytes} B)。`],
  [
    /^the block linears stay frozen in 4-bit NF4 with double quantisation \(0\.516 B\/param\); embeddings, lm head and norms in bf16\.$/,
    () => '块内线性层以 4-bit NF4 加双重量化冻结(每参数 0.516 B);embedding、lm head 和归一化层为 bf16。',
  ],
];

const sentences: [RegExp, Render][] = [
  // inference memory
  [
    /^KV cache: (MHA|MQA|GQA) with (\d+) KV heads of (\d+) for (\d+) query heads, stored in (\S+) for all (\d+) positions of all (\d+) sequences \(no paging waste, no sliding window\)\.$/,
    (kind, kv, dim, heads, dtype, positions, sequences) =>
      `KV cache:${kind},${kv} 个 KV 头(每头 ${dim} 维)对应 ${heads} 个查询头,以 ${dtype} 存储全部 ${sequences} 条序列的全部 ${positions} 个位置(不计分页浪费,没有滑动窗口)。`,
  ],
  [
    /^Activations: one layer at a time during prefill with FlashAttention \(no seq × seq score matrix\): the residual stream and normed input \(2·hidden\) plus the (\d+) FFN intermediate tensors, and fp32 logits of the last position only; the whole context is prefilled at once \(chunked prefill would need less\)\.$/,
    (tensors) =>
      `激活:prefill 时逐层计算并使用 FlashAttention(不生成 seq × seq 分数矩阵):残差流和归一化输入(2·hidden)加上 ${tensors} 个 FFN 中间张量,以及仅最后一个位置的 fp32 logits;整个上下文一次 prefill(分块 prefill 需要的更少)。`,
  ],
  [
    /^Overhead: (\d+)% of the above for allocator fragmentation, CUDA graphs and runtime buffers \(rule of thumb; EleutherAI "Transformer Math 101" suggests ~20% over the weights\)\.$/,
    (percent) => `开销:以上合计的 ${percent}%,用于显存分配碎片、CUDA graphs 和运行时缓冲(经验值;EleutherAI《Transformer Math 101》建议在权重之上留约 20%)。`,
  ],
  [
    /^Weight-only quantisation covers the block linears; embeddings, lm head, norms and biases stay fp16 \(GPTQ\/AWQ default\)\.$/,
    () => '仅权重量化覆盖块内线性层;embedding、lm head、归一化层和偏置保持 fp16(GPTQ/AWQ 的默认做法)。',
  ],
  [/^All weights stored in (\S+)\.$/, (dtype) => `全部权重以 ${dtype} 存储。`],
  [
    /^Parameter count (.+?) taken as given; the shape \((.+)\) only sets the (KV cache and activations|activations and LoRA targets)\.$/,
    (count, source, what) =>
      `参数量 ${count} 按给定值计算;形状(${source})只用于${what === 'KV cache and activations' ? ' KV cache 和激活' : '激活和 LoRA 目标层'}。`,
  ],
  [
    /^v0\.1 uses a 4096-token sliding window; the KV cache here is the full-attention upper bound$/,
    () => 'v0.1 使用 4096 token 的滑动窗口;这里的 KV cache 是全注意力的上限',
  ],
  // compute
  [
    /^N is the total parameter count including embeddings \(Chinchilla convention; Kaplan et al\. use non-embedding N\)\.$/,
    () => 'N 是包含 embedding 的总参数量(Chinchilla 的约定;Kaplan 等人用不含 embedding 的 N)。',
  ],
  [
    /^6·N·D: forward 2·N \+ backward 4·N FLOPs per token; attention over the context is left out\.$/,
    () => '6·N·D:每个 token 前向 2·N + 反向 4·N FLOPs;不计上下文上的注意力。',
  ],
  [
    /^Attention adds 2·layers·context·d_attn = (\S+) FLOPs per token at context (\d+) \(Kaplan et al\. 2020 Table 1\), not included in 2·N\.$/,
    (flops, context) => `上下文为 ${context} 时,注意力每个 token 另需 2·层数·上下文·d_attn = ${flops} FLOPs(Kaplan 等 2020 表 1),未计入 2·N。`,
  ],
  [
    /^(.+): (\S+) TFLOPS dense fp16\/bf16, (\S+) GB\/s; (\d+) GPU\(s\) assumed to scale perfectly; MFU (\S+)\.$/,
    (gpu, tflops, bandwidth, count, mfu) => `${gpu}:稠密 fp16/bf16 算力 ${tflops} TFLOPS,带宽 ${bandwidth} GB/s;假设 ${count} 张 GPU 完美线性扩展;MFU ${mfu}。`,
  ],
  [
    /^Decode: every step streams all weights \((\S+)\) once for the batch and each sequence's KV cache \((\S+), (\d+) tokens\) from HBM; real systems reach 50-80% of this bound\.$/,
    (dtype, kvDtype, tokens) =>
      `解码:每一步从 HBM 读一遍全部权重(${dtype},整个 batch 共用)和每条序列的 KV cache(${kvDtype},${tokens} 个 token);实际系统能达到这个上限的 50-80%。`,
  ],
  // training memory
  [/^Bytes per trainable parameter: (.+)\.$/, (parts) => `每个可训练参数的字节数:${bytesParts.reduce((text, [from, to]) => text.replace(from, to), parts)}。`],
  [
    /^(QLoRA|LoRA) rank (\d+) on (\S+): only the (.+?) adapter params carry gradients and optimizer states; (.+)$/,
    (method, rank, targets, trainable, frozen) => {
      const frozenZh = translate(frozenParts, frozen);
      return `${method} 秩 ${rank},作用于 ${targets}:只有 ${trainable} 个适配器参数有梯度和优化器状态;${frozenZh}`;
    },
  ],
  [/^Single GPU: nothing is partitioned \(ZeRO needs several data-parallel GPUs\)\.$/, () => '单卡:不做任何切分(ZeRO 需要多张数据并行的 GPU)。'],
  [
    /^ZeRO-0 \(plain data parallel\): every one of the (\d+) GPUs holds all model states\.$/,
    (n) => `ZeRO-0(普通数据并行):${n} 张 GPU 每张都保存全部模型状态。`,
  ],
  [
    /^ZeRO-1: optimizer states partitioned over (\d+) GPUs \(2Ψ \+ 2Ψ \+ 12Ψ\/N for mixed Adam\)\.$/,
    (n) => `ZeRO-1:优化器状态切分到 ${n} 张 GPU(混合精度 Adam 为 2Ψ + 2Ψ + 12Ψ/N)。`,
  ],
  [
    /^ZeRO-2: optimizer states and gradients partitioned over (\d+) GPUs \(2Ψ \+ 14Ψ\/N for mixed Adam\)\.$/,
    (n) => `ZeRO-2:优化器状态和梯度切分到 ${n} 张 GPU(混合精度 Adam 为 2Ψ + 14Ψ/N)。`,
  ],
  [
    /^ZeRO-3: optimizer states, gradients and parameters partitioned over (\d+) GPUs \(16Ψ\/N for mixed Adam\); the all-gathered layer in flight is not counted\.$/,
    (n) => `ZeRO-3:优化器状态、梯度和参数都切分到 ${n} 张 GPU(混合精度 Adam 为 16Ψ/N);正在 all-gather 的那一层未计入。`,
  ],
  [
    /^ZeRO-Offload: fp32 master weights and Adam moments live in CPU RAM and are updated by the CPU; gradients are still counted on the GPU as the stage partitions them\.$/,
    () => 'ZeRO-Offload:fp32 主权重和 Adam 矩放在 CPU 内存,由 CPU 更新;梯度仍按所选阶段的切分计在 GPU 上。',
  ],
  [
    /^Activations: full gradient checkpointing keeps only each layer input \(2·s·b·h bytes in fp16\) and recomputes one layer at a time in backward \(\+ its full activations\), after Korthikanti et al\. 2022\.$/,
    () => '激活:全量梯度检查点只保留每层的输入(fp16 下 2·s·b·h 字节),反向时逐层重算(再加上该层的全部激活),参考 Korthikanti 等 2022。',
  ],
  [
    /^Activations: Korthikanti et al\. 2022, per layer (.+) bytes in fp16 without recomputation (\(FlashAttention drops the 5·a·s\/h attention-score term\)|\(standard attention materialises the s × s scores\)); the 34 assumes a GPT-style 4h MLP, so gated FFNs differ by a few s·b·h\.$/,
    (formula, attention) =>
      `激活:按 Korthikanti 等 2022,不重算时每层 ${formula} 字节(fp16)${attention.startsWith('(Flash') ? '(FlashAttention 省去了 5·a·s/h 的注意力分数项)' : '(标准注意力会生成 s × s 分数矩阵)'};其中 34 假设 GPT 式 4h MLP,门控 FFN 会相差几个 s·b·h。`,
  ],
  [
    /^Activations are per GPU for micro-batch (\d+) × sequence (\d+); ZeRO does not partition them \(no tensor or sequence parallelism\)\.$/,
    (batch, seq) => `激活按每卡计:micro-batch ${batch} × 序列长度 ${seq};ZeRO 不切分激活(没有张量并行或序列并行)。`,
  ],
];

/** An assumption sentence in Chinese; unknown sentences are returned unchanged. */
export function calcAssumptionZh(sentence: string): string {
  return translate(sentences, sentence);
}

function translate(table: readonly [RegExp, Render][], text: string): string {
  for (const [pattern, render] of table) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1).map((group) => group ?? ''));
  }
  return text;
}

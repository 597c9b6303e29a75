"""Seed sentences that several behaviours cite: each states a behaviour in the tutorial's own words
(quoted verbatim from /work/shared/seeds, checked by spec_tests/meta/test_catalogue.py)."""
from .catalogue import seed

AUTOGRAD = seed("001", "在计算中设置 requires_grad=True 后,PyTorch 会追踪每个操作并构建一个计算图,"
                       "从而在调用 backward() 时自动计算梯度。")
AUTOGRAD_COMPUTES_GRADIENTS = seed("003", "PyTorch的自动求导系统（Autograd）可以自动计算张量的梯度。")
NO_GRAD = seed("001", "可以使用 torch.no_grad() 关闭自动求导以节省计算资源,特别是推理阶段。")
TENSOR_OPS = seed("001", "张量支持多种基本运算操作,如加法、矩阵乘法、索引操作等。")
NUMPY_BRIDGE = seed("001", "PyTorch 张量可以与 NumPy 数组无缝转换。")
ZERO_GRAD_OR_ACCUMULATE = seed("000", "清空上一轮的梯度 (重要!否则会累积)")
ZERO_GRAD_EACH_BACKWARD = seed("002", "解决方案:每次反向传播前清零梯度")
INPLACE_MODIFIES = seed("002", "in-place 操作修改原 Tensor")
LAYERS_ARE_CLASSES = seed("001", "PyTorch 提供了 torch.nn 模块来简化神经网络的构建,神经网络中的每一层都被封装为一个类。")
TRAINING = seed("001", "模型训练中,损失函数用于计算预测值与真实值的差异,优化器则根据误差更新网络权重。")
BROADCASTING = seed("002", "广播机制:不同形状的 Tensor 可以自动扩展进行运算")
AMP = seed("000", "混合精度训练(torch.cuda.amp): 节省显存,加速训练!")
DATA_LOADING = seed("001", "处理大规模数据时,PyTorch 提供了 torch.utils.data 模块,可以很方便地加载数据集并进行批处理。")

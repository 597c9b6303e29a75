"""The first normative sentence of each PyTorch reference page a behaviour cites, as the rendered page
shows it (its docstring with the markup resolved): the fallback sentence of every behaviour citing the
page that has no more specific entry in spec_tests/sentences.py. Keyed by page#anchor, relative to
catalogue.DOCS. Sentences whose source holds math were left out rather than transcribed."""

PAGES = {
    "generated/torch.Generator.get_state.html#torch.Generator.get_state":
        "Returns the Generator state as a torch.ByteTensor.",
    "generated/torch.Tensor.__setitem__.html#torch.Tensor.__setitem__":
        "Set self[key] to value.",
    "generated/torch.Tensor.abs_.html#torch.Tensor.abs_":
        "In-place version of abs()",
    "generated/torch.Tensor.absolute_.html#torch.Tensor.absolute_":
        "In-place version of absolute()",
    "generated/torch.Tensor.acos_.html#torch.Tensor.acos_":
        "In-place version of acos()",
    "generated/torch.Tensor.add_.html#torch.Tensor.add_":
        "In-place version of add()",
    "generated/torch.Tensor.arccos_.html#torch.Tensor.arccos_":
        "In-place version of arccos()",
    "generated/torch.Tensor.arcsin_.html#torch.Tensor.arcsin_":
        "In-place version of arcsin()",
    "generated/torch.Tensor.arctan2_.html#torch.Tensor.arctan2_":
        "In-place version of arctan2()",
    "generated/torch.Tensor.arctan_.html#torch.Tensor.arctan_":
        "In-place version of arctan()",
    "generated/torch.Tensor.asin_.html#torch.Tensor.asin_":
        "In-place version of asin()",
    "generated/torch.Tensor.atan2_.html#torch.Tensor.atan2_":
        "In-place version of atan2()",
    "generated/torch.Tensor.atan_.html#torch.Tensor.atan_":
        "In-place version of atan()",
    "generated/torch.Tensor.backward.html#torch.Tensor.backward":
        "Computes the gradient of current tensor wrt graph leaves.",
    "generated/torch.Tensor.bernoulli_.html#torch.Tensor.bernoulli_":
        "In this case p must have floating point dtype.",
    "generated/torch.Tensor.bitwise_and_.html#torch.Tensor.bitwise_and_":
        "In-place version of bitwise_and()",
    "generated/torch.Tensor.bitwise_not_.html#torch.Tensor.bitwise_not_":
        "In-place version of bitwise_not()",
    "generated/torch.Tensor.bitwise_or_.html#torch.Tensor.bitwise_or_":
        "In-place version of bitwise_or()",
    "generated/torch.Tensor.bitwise_xor_.html#torch.Tensor.bitwise_xor_":
        "In-place version of bitwise_xor()",
    "generated/torch.Tensor.bool.html#torch.Tensor.bool":
        "self.bool() is equivalent to self.to(torch.bool).",
    "generated/torch.Tensor.byte.html#torch.Tensor.byte":
        "self.byte() is equivalent to self.to(torch.uint8).",
    "generated/torch.Tensor.ceil_.html#torch.Tensor.ceil_":
        "In-place version of ceil()",
    "generated/torch.Tensor.char.html#torch.Tensor.char":
        "self.char() is equivalent to self.to(torch.int8).",
    "generated/torch.Tensor.clamp_.html#torch.Tensor.clamp_":
        "In-place version of clamp()",
    "generated/torch.Tensor.contiguous.html#torch.Tensor.contiguous":
        "Returns a contiguous in memory tensor containing the same data as self tensor.",
    "generated/torch.Tensor.copy_.html#torch.Tensor.copy_":
        "Copies the elements from src into self tensor and returns self.",
    "generated/torch.Tensor.cos_.html#torch.Tensor.cos_":
        "In-place version of cos()",
    "generated/torch.Tensor.cosh_.html#torch.Tensor.cosh_":
        "In-place version of cosh()",
    "generated/torch.Tensor.cpu.html#torch.Tensor.cpu":
        "Returns a copy of this object in CPU memory.",
    "generated/torch.Tensor.cumprod_.html#torch.Tensor.cumprod_":
        "In-place version of cumprod()",
    "generated/torch.Tensor.cumsum_.html#torch.Tensor.cumsum_":
        "In-place version of cumsum()",
    "generated/torch.Tensor.data_ptr.html#torch.Tensor.data_ptr":
        "Returns the address of the first element of self tensor.",
    "generated/torch.Tensor.detach.html#torch.Tensor.detach":
        "Returns a new Tensor, detached from the current graph.",
    "generated/torch.Tensor.detach_.html#torch.Tensor.detach_":
        "Detaches the Tensor from the graph that created it, making it a leaf.",
    "generated/torch.Tensor.dim.html#torch.Tensor.dim":
        "Returns the number of dimensions of self tensor.",
    "generated/torch.Tensor.div_.html#torch.Tensor.div_":
        "In-place version of div()",
    "generated/torch.Tensor.divide_.html#torch.Tensor.divide_":
        "In-place version of divide()",
    "generated/torch.Tensor.double.html#torch.Tensor.double":
        "self.double() is equivalent to self.to(torch.float64).",
    "generated/torch.Tensor.element_size.html#torch.Tensor.element_size":
        "Returns the size in bytes of an individual element.",
    "generated/torch.Tensor.eq_.html#torch.Tensor.eq_":
        "In-place version of eq()",
    "generated/torch.Tensor.erf_.html#torch.Tensor.erf_":
        "In-place version of erf()",
    "generated/torch.Tensor.erfc_.html#torch.Tensor.erfc_":
        "In-place version of erfc()",
    "generated/torch.Tensor.exp2_.html#torch.Tensor.exp2_":
        "In-place version of exp2()",
    "generated/torch.Tensor.expand.html#torch.Tensor.expand":
        "Returns a new view of the self tensor with singleton dimensions expanded to a larger size.",
    "generated/torch.Tensor.expand_as.html#torch.Tensor.expand_as":
        "Expand this tensor to the same size as other. self.expand_as(other) is equivalent to self.expand(other.size()).",
    "generated/torch.Tensor.expm1_.html#torch.Tensor.expm1_":
        "In-place version of expm1()",
    "generated/torch.Tensor.fill_.html#torch.Tensor.fill_":
        "Fills self tensor with the specified value.",
    "generated/torch.Tensor.fix_.html#torch.Tensor.fix_":
        "In-place version of fix()",
    "generated/torch.Tensor.float.html#torch.Tensor.float":
        "self.float() is equivalent to self.to(torch.float32).",
    "generated/torch.Tensor.floor_.html#torch.Tensor.floor_":
        "In-place version of floor()",
    "generated/torch.Tensor.floor_divide_.html#torch.Tensor.floor_divide_":
        "In-place version of floor_divide()",
    "generated/torch.Tensor.fmod_.html#torch.Tensor.fmod_":
        "In-place version of fmod()",
    "generated/torch.Tensor.frac_.html#torch.Tensor.frac_":
        "In-place version of frac()",
    "generated/torch.Tensor.ge_.html#torch.Tensor.ge_":
        "In-place version of ge().",
    "generated/torch.Tensor.greater_.html#torch.Tensor.greater_":
        "In-place version of greater().",
    "generated/torch.Tensor.greater_equal_.html#torch.Tensor.greater_equal_":
        "In-place version of greater_equal().",
    "generated/torch.Tensor.gt_.html#torch.Tensor.gt_":
        "In-place version of gt().",
    "generated/torch.Tensor.half.html#torch.Tensor.half":
        "self.half() is equivalent to self.to(torch.float16).",
    "generated/torch.Tensor.index_put_.html#torch.Tensor.index_put_":
        "Puts values from the tensor values into the tensor self using the indices specified in indices (which is a tuple of Tensors).",
    "generated/torch.Tensor.int.html#torch.Tensor.int":
        "self.int() is equivalent to self.to(torch.int32).",
    "generated/torch.Tensor.is_complex.html#torch.Tensor.is_complex":
        "Returns True if the data type of self is a complex data type.",
    "generated/torch.Tensor.is_contiguous.html#torch.Tensor.is_contiguous":
        "Returns True if self tensor is contiguous in memory in the order specified by memory format.",
    "generated/torch.Tensor.is_leaf.html#torch.Tensor.is_leaf":
        "All Tensors that have requires_grad which is False will be leaf Tensors by convention.",
    "generated/torch.Tensor.item.html#torch.Tensor.item":
        "Returns the value of this tensor as a standard Python number.",
    "generated/torch.Tensor.le_.html#torch.Tensor.le_":
        "In-place version of le().",
    "generated/torch.Tensor.lerp_.html#torch.Tensor.lerp_":
        "In-place version of lerp()",
    "generated/torch.Tensor.less_.html#torch.Tensor.less_":
        "In-place version of less().",
    "generated/torch.Tensor.less_equal_.html#torch.Tensor.less_equal_":
        "In-place version of less_equal().",
    "generated/torch.Tensor.log10_.html#torch.Tensor.log10_":
        "In-place version of log10()",
    "generated/torch.Tensor.log1p_.html#torch.Tensor.log1p_":
        "In-place version of log1p()",
    "generated/torch.Tensor.log2_.html#torch.Tensor.log2_":
        "In-place version of log2()",
    "generated/torch.Tensor.log_.html#torch.Tensor.log_":
        "In-place version of log()",
    "generated/torch.Tensor.logical_and_.html#torch.Tensor.logical_and_":
        "In-place version of logical_and()",
    "generated/torch.Tensor.logical_not_.html#torch.Tensor.logical_not_":
        "In-place version of logical_not()",
    "generated/torch.Tensor.logical_or_.html#torch.Tensor.logical_or_":
        "In-place version of logical_or()",
    "generated/torch.Tensor.logical_xor_.html#torch.Tensor.logical_xor_":
        "In-place version of logical_xor()",
    "generated/torch.Tensor.long.html#torch.Tensor.long":
        "self.long() is equivalent to self.to(torch.int64).",
    "generated/torch.Tensor.lt_.html#torch.Tensor.lt_":
        "In-place version of lt().",
    "generated/torch.Tensor.masked_fill.html#torch.Tensor.masked_fill":
        "Out-of-place version of torch.Tensor.masked_fill_()",
    "generated/torch.Tensor.masked_fill_.html#torch.Tensor.masked_fill_":
        "Fills elements of self tensor with value where mask is True.",
    "generated/torch.Tensor.mul_.html#torch.Tensor.mul_":
        "In-place version of mul().",
    "generated/torch.Tensor.multiply_.html#torch.Tensor.multiply_":
        "In-place version of multiply().",
    "generated/torch.Tensor.ne_.html#torch.Tensor.ne_":
        "In-place version of ne().",
    "generated/torch.Tensor.neg_.html#torch.Tensor.neg_":
        "In-place version of neg()",
    "generated/torch.Tensor.negative_.html#torch.Tensor.negative_":
        "In-place version of negative()",
    "generated/torch.Tensor.new_empty.html#torch.Tensor.new_empty":
        "Returns a Tensor of size size filled with uninitialized data.",
    "generated/torch.Tensor.new_full.html#torch.Tensor.new_full":
        "Returns a Tensor of size size filled with fill_value.",
    "generated/torch.Tensor.new_ones.html#torch.Tensor.new_ones":
        "Returns a Tensor of size size filled with 1.",
    "generated/torch.Tensor.new_tensor.html#torch.Tensor.new_tensor":
        "Returns a new Tensor with data as the tensor data.",
    "generated/torch.Tensor.new_zeros.html#torch.Tensor.new_zeros":
        "Returns a Tensor of size size filled with 0.",
    "generated/torch.Tensor.not_equal_.html#torch.Tensor.not_equal_":
        "In-place version of not_equal().",
    "generated/torch.Tensor.numpy.html#torch.Tensor.numpy":
        "Returns the tensor as a NumPy ndarray.",
    "generated/torch.Tensor.pow_.html#torch.Tensor.pow_":
        "In-place version of pow()",
    "generated/torch.Tensor.random_.html#torch.Tensor.random_":
        "Fills self tensor with numbers sampled from the discrete uniform distribution over [from, to - 1].",
    "generated/torch.Tensor.reciprocal_.html#torch.Tensor.reciprocal_":
        "In-place version of reciprocal()",
    "generated/torch.Tensor.register_hook.html#torch.Tensor.register_hook":
        "Registers a backward hook.",
    "generated/torch.Tensor.remainder_.html#torch.Tensor.remainder_":
        "In-place version of remainder()",
    "generated/torch.Tensor.repeat.html#torch.Tensor.repeat":
        "Repeats this tensor along the specified dimensions.",
    "generated/torch.Tensor.requires_grad.html#torch.Tensor.requires_grad":
        "Is True if gradients need to be computed for this Tensor, False otherwise.",
    "generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_":
        "Change if autograd should record operations on this tensor: sets this tensor’s requires_grad attribute in-place.",
    "generated/torch.Tensor.reshape_as.html#torch.Tensor.reshape_as":
        "Returns this tensor as the same shape as other. self.reshape_as(other) is equivalent to self.reshape(other.sizes()).",
    "generated/torch.Tensor.resize_.html#torch.Tensor.resize_":
        "Resizes self tensor to the specified size.",
    "generated/torch.Tensor.retain_grad.html#torch.Tensor.retain_grad":
        "Enables this Tensor to have their grad populated during backward().",
    "generated/torch.Tensor.round_.html#torch.Tensor.round_":
        "In-place version of round()",
    "generated/torch.Tensor.rsqrt_.html#torch.Tensor.rsqrt_":
        "In-place version of rsqrt()",
    "generated/torch.Tensor.scatter_.html#torch.Tensor.scatter_":
        "Writes all values from the tensor src into self at the indices specified in the index tensor.",
    "generated/torch.Tensor.scatter_add_.html#torch.Tensor.scatter_add_":
        "Adds all values from the tensor src into self at the indices specified in the index tensor in a similar fashion as scatter_().",
    "generated/torch.Tensor.short.html#torch.Tensor.short":
        "self.short() is equivalent to self.to(torch.int16).",
    "generated/torch.Tensor.sigmoid_.html#torch.Tensor.sigmoid_":
        "In-place version of sigmoid()",
    "generated/torch.Tensor.sign_.html#torch.Tensor.sign_":
        "In-place version of sign()",
    "generated/torch.Tensor.sin_.html#torch.Tensor.sin_":
        "In-place version of sin()",
    "generated/torch.Tensor.sinh_.html#torch.Tensor.sinh_":
        "In-place version of sinh()",
    "generated/torch.Tensor.size.html#torch.Tensor.size":
        "Returns the size of the self tensor.",
    "generated/torch.Tensor.sqrt_.html#torch.Tensor.sqrt_":
        "In-place version of sqrt()",
    "generated/torch.Tensor.square_.html#torch.Tensor.square_":
        "In-place version of square()",
    "generated/torch.Tensor.squeeze_.html#torch.Tensor.squeeze_":
        "In-place version of squeeze()",
    "generated/torch.Tensor.storage_offset.html#torch.Tensor.storage_offset":
        "Returns self tensor’s offset in the underlying storage in terms of number of storage elements (not bytes).",
    "generated/torch.Tensor.stride.html#torch.Tensor.stride":
        "Returns the stride of self tensor.",
    "generated/torch.Tensor.sub_.html#torch.Tensor.sub_":
        "In-place version of sub()",
    "generated/torch.Tensor.subtract_.html#torch.Tensor.subtract_":
        "In-place version of subtract().",
    "generated/torch.Tensor.t_.html#torch.Tensor.t_":
        "In-place version of t()",
    "generated/torch.Tensor.tan_.html#torch.Tensor.tan_":
        "In-place version of tan()",
    "generated/torch.Tensor.tanh_.html#torch.Tensor.tanh_":
        "In-place version of tanh()",
    "generated/torch.Tensor.to.html#torch.Tensor.to":
        "Performs Tensor dtype and/or device conversion.",
    "generated/torch.Tensor.tolist.html#torch.Tensor.tolist":
        "Returns the tensor as a (nested) list.",
    "generated/torch.Tensor.transpose_.html#torch.Tensor.transpose_":
        "In-place version of transpose()",
    "generated/torch.Tensor.tril_.html#torch.Tensor.tril_":
        "In-place version of tril()",
    "generated/torch.Tensor.triu_.html#torch.Tensor.triu_":
        "In-place version of triu()",
    "generated/torch.Tensor.trunc_.html#torch.Tensor.trunc_":
        "In-place version of trunc()",
    "generated/torch.Tensor.type.html#torch.Tensor.type":
        "If this is already of the correct type, no copy is performed and the original object is returned.",
    "generated/torch.Tensor.type_as.html#torch.Tensor.type_as":
        "Returns this tensor cast to the type of the given tensor.",
    "generated/torch.Tensor.unsqueeze_.html#torch.Tensor.unsqueeze_":
        "In-place version of unsqueeze()",
    "generated/torch.Tensor.view.html#torch.Tensor.view":
        "Returns a new tensor with the same data as the self tensor but of a different shape.",
    "generated/torch.Tensor.view_as.html#torch.Tensor.view_as":
        "View this tensor as the same size as other. self.view_as(other) is equivalent to self.view(other.size()).",
    "generated/torch.Tensor.zero_.html#torch.Tensor.zero_":
        "Fills self tensor with zeros.",
    "generated/torch.abs.html#torch.abs":
        "Computes the absolute value of each element in input.",
    "generated/torch.acos.html#torch.acos":
        "Returns a new tensor with the arccosine (in radians) of each element in input.",
    "generated/torch.add.html#torch.add":
        "Adds other, scaled by alpha, to input.",
    "generated/torch.all.html#torch.all":
        "Tests if all elements in input evaluate to True.",
    "generated/torch.amax.html#torch.amax":
        "Returns the maximum value of each slice of the input tensor in the given dimension(s) dim.",
    "generated/torch.amin.html#torch.amin":
        "Returns the minimum value of each slice of the input tensor in the given dimension(s) dim.",
    "generated/torch.amp.GradScaler.get_scale.html#torch.amp.GradScaler.get_scale":
        "Return a Python float containing the current scale, or 1.0 if scaling is disabled.",
    "generated/torch.amp.GradScaler.html#torch.amp.GradScaler":
        "Helps perform the steps of gradient scaling conveniently.",
    "generated/torch.amp.GradScaler.load_state_dict.html#torch.amp.GradScaler.load_state_dict":
        "Load the scaler state.",
    "generated/torch.amp.GradScaler.scale.html#torch.amp.GradScaler.scale":
        "Multiplies (‘scales’) a tensor or list of tensors by the scale factor.",
    "generated/torch.amp.GradScaler.state_dict.html#torch.amp.GradScaler.state_dict":
        "Return the state of the scaler as a dict.",
    "generated/torch.amp.GradScaler.step.html#torch.amp.GradScaler.step":
        "Invoke unscale_(optimizer) followed by parameter update, if gradients are not infs/NaN.",
    "generated/torch.amp.GradScaler.unscale_.html#torch.amp.GradScaler.unscale_":
        "Divides (“unscales”) the optimizer’s gradient tensors by the scale factor.",
    "generated/torch.amp.GradScaler.update.html#torch.amp.GradScaler.update":
        "Update the scale factor.",
    "generated/torch.any.html#torch.any":
        "Tests if any element in input evaluates to True.",
    "generated/torch.argmax.html#torch.argmax":
        "Returns the indices of the maximum value of all elements in the input tensor.",
    "generated/torch.argmin.html#torch.argmin":
        "This is the second value returned by torch.min().",
    "generated/torch.as_strided.html#torch.as_strided":
        "Create a view of an existing torch.Tensor input with specified size, stride and storage_offset.",
    "generated/torch.as_tensor.html#torch.as_tensor":
        "Converts data into a tensor, sharing data and preserving autograd history if possible.",
    "generated/torch.asin.html#torch.asin":
        "Returns a new tensor with the arcsine of the elements (in radians) in the input tensor.",
    "generated/torch.atan.html#torch.atan":
        "Returns a new tensor with the arctangent of the elements (in radians) in the input tensor.",
    "generated/torch.atan2.html#torch.atan2":
        "The shapes of input and other must be broadcastable.",
    "generated/torch.autograd.Function.html#torch.autograd.Function":
        "Base class to create custom autograd.Function.",
    "generated/torch.autograd.backward.html#torch.autograd.backward":
        "Compute the sum of gradients of given tensors with respect to graph leaves.",
    "generated/torch.autograd.function.FunctionCtx.mark_non_differentiable.html#torch.autograd.function.FunctionCtx.mark_non_differentiable":
        "Mark outputs as non-differentiable.",
    "generated/torch.autograd.functional.hessian.html#torch.autograd.functional.hessian":
        "Compute the Hessian of a given scalar function.",
    "generated/torch.autograd.functional.hvp.html#torch.autograd.functional.hvp":
        "Compute the dot product between the scalar function’s Hessian and a vector v at a specified point.",
    "generated/torch.autograd.functional.jacobian.html#torch.autograd.functional.jacobian":
        "Compute the Jacobian of a given function.",
    "generated/torch.autograd.functional.jvp.html#torch.autograd.functional.jvp":
        "Compute the dot product between the Jacobian of the given function at the point given by the inputs and a vector v.",
    "generated/torch.autograd.functional.vhp.html#torch.autograd.functional.vhp":
        "Compute the dot product between vector v and Hessian of a given scalar function at a specified point.",
    "generated/torch.autograd.functional.vjp.html#torch.autograd.functional.vjp":
        "Compute the dot product between a vector v and the Jacobian of the given function at the point given by the inputs.",
    "generated/torch.autograd.grad.html#torch.autograd.grad":
        "Compute and return the sum of gradients of outputs with respect to the inputs.",
    "generated/torch.autograd.gradcheck.gradcheck.html#torch.autograd.gradcheck.gradcheck":
        "Check gradients computed via small finite differences against analytical gradients wrt tensors in inputs that are of floating point or complex type and with requires_grad=True.",
    "generated/torch.autograd.gradcheck.gradgradcheck.html#torch.autograd.gradcheck.gradgradcheck":
        "Check gradients of gradients computed via small finite differences against analytical gradients wrt tensors in inputs and grad_outputs that are of floating point or complex type and with requires_grad=True.",
    "generated/torch.bernoulli.html#torch.bernoulli":
        "Draws binary random numbers (0 or 1) from a Bernoulli distribution.",
    "generated/torch.bitwise_and.html#torch.bitwise_and":
        "Computes the bitwise AND of input and other.",
    "generated/torch.bitwise_not.html#torch.bitwise_not":
        "Computes the bitwise NOT of the given input tensor.",
    "generated/torch.bitwise_or.html#torch.bitwise_or":
        "Computes the bitwise OR of input and other.",
    "generated/torch.bitwise_xor.html#torch.bitwise_xor":
        "Computes the bitwise XOR of input and other.",
    "generated/torch.bmm.html#torch.bmm":
        "Performs a batch matrix-matrix product of matrices stored in input and mat2.",
    "generated/torch.broadcast_shapes.html#torch.broadcast_shapes":
        "Similar to broadcast_tensors() but for shapes.",
    "generated/torch.broadcast_to.html#torch.broadcast_to":
        "Equivalent to calling input.expand(shape).",
    "generated/torch.can_cast.html#torch.can_cast":
        "Determines if a type conversion is allowed under PyTorch casting rules described in the type promotion documentation.",
    "generated/torch.cat.html#torch.cat":
        "Concatenates the given sequence of tensors in tensors in the given dimension.",
    "generated/torch.ceil.html#torch.ceil":
        "Returns a new tensor with the ceil of the elements of input, the smallest integer greater than or equal to each element.",
    "generated/torch.chunk.html#torch.chunk":
        "Attempts to split a tensor into the specified number of chunks.",
    "generated/torch.clamp.html#torch.clamp":
        "Clamps all elements in input into the range [ min, max ].",
    "generated/torch.clone.html#torch.clone":
        "Returns a copy of input.",
    "generated/torch.cos.html#torch.cos":
        "Returns a new tensor with the cosine of the elements of input given in radians.",
    "generated/torch.cosh.html#torch.cosh":
        "Returns a new tensor with the hyperbolic cosine of the elements of input.",
    "generated/torch.cross.html#torch.cross":
        "Returns the cross product of vectors in dimension dim of input and other.",
    "generated/torch.cumprod.html#torch.cumprod":
        "Returns the cumulative product of elements of input in the dimension dim.",
    "generated/torch.cumsum.html#torch.cumsum":
        "Returns the cumulative sum of elements of input in the dimension dim.",
    "generated/torch.div.html#torch.div":
        "Divides each element of the input input by the corresponding element of other.",
    "generated/torch.dot.html#torch.dot":
        "Computes the dot product of two 1D tensors.",
    "generated/torch.empty.html#torch.empty":
        "Returns a tensor filled with uninitialized data.",
    "generated/torch.empty_like.html#torch.empty_like":
        "Returns an uninitialized tensor with the same size as input. torch.empty_like(input) is equivalent to torch.empty(input.size(), dtype=input.dtype, layout=input.layout, device=input.device).",
    "generated/torch.enable_grad.html#torch.enable_grad":
        "Context-manager that enables gradient calculation.",
    "generated/torch.eq.html#torch.eq":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.exp.html#torch.exp":
        "Returns a new tensor with the exponential of the elements of the input tensor input.",
    "generated/torch.eye.html#torch.eye":
        "Returns a 2-D tensor with ones on the diagonal and zeros elsewhere.",
    "generated/torch.flatten.html#torch.flatten":
        "Flattens input by reshaping it into a one-dimensional tensor.",
    "generated/torch.flip.html#torch.flip":
        "Reverse the order of an n-D tensor along given axis in dims.",
    "generated/torch.floor.html#torch.floor":
        "Returns a new tensor with the floor of the elements of input, the largest integer less than or equal to each element.",
    "generated/torch.floor_divide.html#torch.floor_divide":
        "Before PyTorch 1.13 torch.floor_divide() incorrectly performed truncation division.",
    "generated/torch.fmax.html#torch.fmax":
        "Computes the element-wise maximum of input and other.",
    "generated/torch.fmin.html#torch.fmin":
        "Computes the element-wise minimum of input and other.",
    "generated/torch.fmod.html#torch.fmod":
        "Applies C++’s std::fmod entrywise.",
    "generated/torch.frac.html#torch.frac":
        "Computes the fractional portion of each element in input.",
    "generated/torch.from_numpy.html#torch.from_numpy":
        "Creates a Tensor from a numpy.ndarray.",
    "generated/torch.full.html#torch.full":
        "Creates a tensor of size size filled with fill_value.",
    "generated/torch.full_like.html#torch.full_like":
        "Returns a tensor with the same size as input filled with fill_value. torch.full_like(input, fill_value) is equivalent to torch.full(input.size(), fill_value, dtype=input.dtype, layout=input.layout, device=input.device).",
    "generated/torch.ge.html#torch.ge":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.get_default_dtype.html#torch.get_default_dtype":
        "Get the current default floating point torch.dtype.",
    "generated/torch.gt.html#torch.gt":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.hstack.html#torch.hstack":
        "Stack tensors in sequence horizontally (column wise).",
    "generated/torch.index_select.html#torch.index_select":
        "Returns a new tensor which indexes the input tensor along dimension dim using the entries in index.",
    "generated/torch.is_complex.html#torch.is_complex":
        "Returns True if the data type of input is a complex data type i.e., one of torch.complex64, and torch.complex128.",
    "generated/torch.is_floating_point.html#torch.is_floating_point":
        "Returns True if the data type of input is a floating point data type i.e., one of torch.float64, torch.float32, torch.float16, and torch.bfloat16.",
    "generated/torch.is_nonzero.html#torch.is_nonzero":
        "Returns True if the input is a single element tensor which is not equal to zero after type conversions. i.e. not equal to torch.tensor([0.]) or torch.tensor([0]) or torch.tensor([False]).",
    "generated/torch.is_tensor.html#torch.is_tensor":
        "Returns True if obj is a PyTorch tensor.",
    "generated/torch.isclose.html#torch.isclose":
        "Returns a new tensor with boolean elements representing if each element of input is “close” to the corresponding element of other.",
    "generated/torch.isfinite.html#torch.isfinite":
        "Returns a new tensor with boolean elements representing if each element is finite or not.",
    "generated/torch.isinf.html#torch.isinf":
        "Tests if each element of input is infinite (positive or negative infinity) or not.",
    "generated/torch.isnan.html#torch.isnan":
        "Returns a new tensor with boolean elements representing if each element of input is NaN or not.",
    "generated/torch.le.html#torch.le":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.lerp.html#torch.lerp":
        "Does a linear interpolation of two tensors start (given by input) and end based on a scalar or tensor weight and returns the resulting out tensor.",
    "generated/torch.linalg.cholesky.html#torch.linalg.cholesky":
        "Computes the Cholesky decomposition of a complex Hermitian or real symmetric positive-definite matrix.",
    "generated/torch.linalg.cross.html#torch.linalg.cross":
        "Computes the cross product of two 3-dimensional vectors.",
    "generated/torch.linalg.det.html#torch.linalg.det":
        "Computes the determinant of a square matrix.",
    "generated/torch.linalg.eigh.html#torch.linalg.eigh":
        "Computes the eigenvalue decomposition of a complex Hermitian or real symmetric matrix.",
    "generated/torch.linalg.inv.html#torch.linalg.inv":
        "Computes the inverse of a square matrix if it exists.",
    "generated/torch.linalg.lstsq.html#torch.linalg.lstsq":
        "Computes a solution to the least squares problem of a system of linear equations.",
    "generated/torch.linalg.matrix_norm.html#torch.linalg.matrix_norm":
        "Computes a matrix norm.",
    "generated/torch.linalg.matrix_rank.html#torch.linalg.matrix_rank":
        "Computes the numerical rank of a matrix.",
    "generated/torch.linalg.norm.html#torch.linalg.norm":
        "Computes a vector or matrix norm.",
    "generated/torch.linalg.pinv.html#torch.linalg.pinv":
        "Computes the pseudoinverse (Moore-Penrose inverse) of a matrix.",
    "generated/torch.linalg.qr.html#torch.linalg.qr":
        "Computes the QR decomposition of a matrix.",
    "generated/torch.linalg.solve.html#torch.linalg.solve":
        "Computes the solution of a square system of linear equations with a unique solution.",
    "generated/torch.linalg.svd.html#torch.linalg.svd":
        "Computes the singular value decomposition (SVD) of a matrix.",
    "generated/torch.linalg.svdvals.html#torch.linalg.svdvals":
        "Computes the singular values of a matrix.",
    "generated/torch.linalg.vector_norm.html#torch.linalg.vector_norm":
        "Computes a vector norm.",
    "generated/torch.linspace.html#torch.linspace":
        "Creates a one-dimensional tensor of size steps whose values are evenly spaced from start to end, inclusive.",
    "generated/torch.load.html#torch.load":
        "Loads an object saved with torch.save() from a file.",
    "generated/torch.log.html#torch.log":
        "Returns a new tensor with the natural logarithm of the elements of input.",
    "generated/torch.log10.html#torch.log10":
        "Returns a new tensor with the logarithm to the base 10 of the elements of input.",
    "generated/torch.log1p.html#torch.log1p":
        "Returns a new tensor with the natural logarithm of (1 + input).",
    "generated/torch.log2.html#torch.log2":
        "Returns a new tensor with the logarithm to the base 2 of the elements of input.",
    "generated/torch.logical_and.html#torch.logical_and":
        "Computes the element-wise logical AND of the given input tensors.",
    "generated/torch.logical_not.html#torch.logical_not":
        "Computes the element-wise logical NOT of the given input tensor.",
    "generated/torch.logical_or.html#torch.logical_or":
        "Computes the element-wise logical OR of the given input tensors.",
    "generated/torch.logical_xor.html#torch.logical_xor":
        "Computes the element-wise logical XOR of the given input tensors.",
    "generated/torch.logspace.html#torch.logspace":
        "From PyTorch 1.11 logspace requires the steps argument.",
    "generated/torch.logsumexp.html#torch.logsumexp":
        "Returns the log of summed exponentials of each row of the input tensor in the given dimension dim.",
    "generated/torch.lt.html#torch.lt":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.manual_seed.html#torch.manual_seed":
        "Sets the seed for generating random numbers on all devices.",
    "generated/torch.masked_select.html#torch.masked_select":
        "Returns a new 1-D tensor which indexes the input tensor according to the boolean mask mask which is a BoolTensor.",
    "generated/torch.matmul.html#torch.matmul":
        "Matrix product of two tensors.",
    "generated/torch.max.html#torch.max":
        "Returns the maximum value of all elements in the input tensor.",
    "generated/torch.maximum.html#torch.maximum":
        "Computes the element-wise maximum of input and other.",
    "generated/torch.mean.html#torch.mean":
        "Returns the mean value of all elements in the input tensor.",
    "generated/torch.min.html#torch.min":
        "Returns the minimum value of all elements in the input tensor.",
    "generated/torch.minimum.html#torch.minimum":
        "Computes the element-wise minimum of input and other.",
    "generated/torch.mm.html#torch.mm":
        "Performs a matrix multiplication of the matrices input and mat2.",
    "generated/torch.movedim.html#torch.movedim":
        "Moves the dimension(s) of input at the position(s) in source to the position(s) in destination.",
    "generated/torch.mul.html#torch.mul":
        "Multiplies input by other.",
    "generated/torch.mv.html#torch.mv":
        "Performs a matrix-vector product of the matrix input and the vector vec.",
    "generated/torch.narrow.html#torch.narrow":
        "Returns a new tensor that is a narrowed version of input tensor.",
    "generated/torch.ne.html#torch.ne":
        "The second argument can be a number or a tensor whose shape is broadcastable with the first argument.",
    "generated/torch.neg.html#torch.neg":
        "Returns a new tensor with the negative of the elements of input.",
    "generated/torch.nn.AdaptiveAvgPool1d.html#torch.nn.AdaptiveAvgPool1d":
        "Applies a 1D adaptive average pooling over an input signal composed of several input planes.",
    "generated/torch.nn.AdaptiveAvgPool2d.html#torch.nn.AdaptiveAvgPool2d":
        "Applies a 2D adaptive average pooling over an input signal composed of several input planes.",
    "generated/torch.nn.AdaptiveMaxPool2d.html#torch.nn.AdaptiveMaxPool2d":
        "Applies a 2D adaptive max pooling over an input signal composed of several input planes.",
    "generated/torch.nn.AvgPool1d.html#torch.nn.AvgPool1d":
        "Applies a 1D average pooling over an input signal composed of several input planes.",
    "generated/torch.nn.AvgPool2d.html#torch.nn.AvgPool2d":
        "Applies a 2D average pooling over an input signal composed of several input planes.",
    "generated/torch.nn.BCEWithLogitsLoss.html#torch.nn.BCEWithLogitsLoss":
        "This loss combines a Sigmoid layer and the BCELoss in one single class.",
    "generated/torch.nn.BatchNorm1d.html#torch.nn.BatchNorm1d":
        "Applies Batch Normalization over a 2D or 3D input.",
    "generated/torch.nn.BatchNorm2d.html#torch.nn.BatchNorm2d":
        "Applies Batch Normalization over a 4D input.",
    "generated/torch.nn.CELU.html#torch.nn.CELU":
        "Applies the CELU function element-wise.",
    "generated/torch.nn.CTCLoss.html#torch.nn.CTCLoss":
        "The Connectionist Temporal Classification loss.",
    "generated/torch.nn.Conv1d.html#torch.nn.Conv1d":
        "Applies a 1D convolution over an input signal composed of several input planes.",
    "generated/torch.nn.Conv2d.html#torch.nn.Conv2d":
        "Applies a 2D convolution over an input signal composed of several input planes.",
    "generated/torch.nn.ConvTranspose1d.html#torch.nn.ConvTranspose1d":
        "Applies a 1D transposed convolution operator over an input image composed of several input planes.",
    "generated/torch.nn.ConvTranspose2d.html#torch.nn.ConvTranspose2d":
        "Applies a 2D transposed convolution operator over an input image composed of several input planes.",
    "generated/torch.nn.CosineEmbeddingLoss.html#torch.nn.CosineEmbeddingLoss":
        "This is typically used for learning nonlinear embeddings or semi-supervised learning.",
    "generated/torch.nn.CrossEntropyLoss.html#torch.nn.CrossEntropyLoss":
        "This criterion computes the cross entropy loss between input logits and target.",
    "generated/torch.nn.Dropout.html#torch.nn.Dropout":
        "During training, randomly zeroes some of the elements of the input tensor with probability p.",
    "generated/torch.nn.Dropout2d.html#torch.nn.Dropout2d":
        "Randomly zero out entire channels.",
    "generated/torch.nn.ELU.html#torch.nn.ELU":
        "Applies the Exponential Linear Unit (ELU) function, element-wise.",
    "generated/torch.nn.Embedding.from_pretrained.html#torch.nn.Embedding.from_pretrained":
        "Create Embedding instance from given 2-dimensional FloatTensor.",
    "generated/torch.nn.Embedding.html#torch.nn.Embedding":
        "A simple lookup table that stores embeddings of a fixed dictionary and size.",
    "generated/torch.nn.Flatten.html#torch.nn.Flatten":
        "Flattens a contiguous range of dims into a tensor.",
    "generated/torch.nn.GELU.html#torch.nn.GELU":
        "Applies the Gaussian Error Linear Units function.",
    "generated/torch.nn.GRU.html#torch.nn.GRU":
        "Apply a multi-layer gated recurrent unit (GRU) RNN to an input sequence.",
    "generated/torch.nn.GRUCell.html#torch.nn.GRUCell":
        "A gated recurrent unit (GRU) cell.",
    "generated/torch.nn.GroupNorm.html#torch.nn.GroupNorm":
        "Applies Group Normalization over a mini-batch of inputs.",
    "generated/torch.nn.Hardsigmoid.html#torch.nn.Hardsigmoid":
        "Applies the Hardsigmoid function element-wise.",
    "generated/torch.nn.Hardswish.html#torch.nn.Hardswish":
        "Applies the Hardswish function, element-wise.",
    "generated/torch.nn.Hardtanh.html#torch.nn.Hardtanh":
        "Applies the HardTanh function element-wise.",
    "generated/torch.nn.HuberLoss.html#torch.nn.HuberLoss":
        "Creates a criterion that uses a squared term if the absolute element-wise error falls below delta and a delta-scaled L1 term otherwise.",
    "generated/torch.nn.Identity.html#torch.nn.Identity":
        "A placeholder identity operator that is argument-insensitive.",
    "generated/torch.nn.InstanceNorm2d.html#torch.nn.InstanceNorm2d":
        "This operation applies Instance Normalization over a 4D input (a mini-batch of 2D inputs with additional channel dimension) as described in the paper Instance Normalization: The Missing Ingredient for Fast Stylization.",
    "generated/torch.nn.KLDivLoss.html#torch.nn.KLDivLoss":
        "The Kullback-Leibler divergence loss.",
    "generated/torch.nn.L1Loss.html#torch.nn.L1Loss":
        "Creates a criterion that measures the mean absolute error (MAE) between each element in the input x and target y.",
    "generated/torch.nn.LSTM.html#torch.nn.LSTM":
        "Apply a multi-layer long short-term memory (LSTM) RNN to an input sequence.",
    "generated/torch.nn.LSTMCell.html#torch.nn.LSTMCell":
        "A long short-term memory (LSTM) cell.",
    "generated/torch.nn.LayerNorm.html#torch.nn.LayerNorm":
        "Applies Layer Normalization over a mini-batch of inputs.",
    "generated/torch.nn.LeakyReLU.html#torch.nn.LeakyReLU":
        "Applies the LeakyReLU function element-wise.",
    "generated/torch.nn.LogSigmoid.html#torch.nn.LogSigmoid":
        "Applies the Logsigmoid function element-wise.",
    "generated/torch.nn.MSELoss.html#torch.nn.MSELoss":
        "Creates a criterion that measures the mean squared error (squared L2 norm) between each element in the input x and target y.",
    "generated/torch.nn.MarginRankingLoss.html#torch.nn.MarginRankingLoss":
        "Creates a criterion that measures the loss given inputs x1, x2, two 1D mini-batch or 0D Tensors, and a label 1D mini-batch or 0D Tensor y (containing 1 or -1).",
    "generated/torch.nn.MaxPool1d.html#torch.nn.MaxPool1d":
        "Applies a 1D max pooling over an input signal composed of several input planes.",
    "generated/torch.nn.MaxPool2d.html#torch.nn.MaxPool2d":
        "Applies a 2D max pooling over an input signal composed of several input planes.",
    "generated/torch.nn.Mish.html#torch.nn.Mish":
        "Applies the Mish function, element-wise.",
    "generated/torch.nn.Module.html#torch.nn.Module":
        "Base class for all neural network modules.",
    "generated/torch.nn.Module.load_state_dict.html#torch.nn.Module.load_state_dict":
        "Copy parameters and buffers from state_dict into this module and its descendants.",
    "generated/torch.nn.ModuleDict.html#torch.nn.ModuleDict":
        "Holds submodules in a dictionary.",
    "generated/torch.nn.ModuleList.html#torch.nn.ModuleList":
        "Holds submodules in a list.",
    "generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention":
        "Allows the model to jointly attend to information from different representation subspaces.",
    "generated/torch.nn.NLLLoss.html#torch.nn.NLLLoss":
        "The negative log likelihood loss.",
    "generated/torch.nn.PReLU.html#torch.nn.PReLU":
        "Applies the element-wise PReLU function.",
    "generated/torch.nn.ParameterDict.html#torch.nn.ParameterDict":
        "Holds parameters in a dictionary.",
    "generated/torch.nn.ParameterList.html#torch.nn.ParameterList":
        "Holds parameters in a list.",
    "generated/torch.nn.PixelShuffle.html#torch.nn.PixelShuffle":
        "Rearrange elements in a tensor according to an upscaling factor.",
    "generated/torch.nn.RNNBase.html#torch.nn.RNNBase":
        "Base class for RNN modules (RNN, LSTM, GRU).",
    "generated/torch.nn.RNNCell.html#torch.nn.RNNCell":
        "An Elman RNN cell with tanh or ReLU non-linearity.",
    "generated/torch.nn.ReLU.html#torch.nn.ReLU":
        "Applies the rectified linear unit function element-wise.",
    "generated/torch.nn.ReLU6.html#torch.nn.ReLU6":
        "Applies the ReLU6 function element-wise.",
    "generated/torch.nn.SELU.html#torch.nn.SELU":
        "Applies the SELU function element-wise.",
    "generated/torch.nn.Sequential.html#torch.nn.Sequential":
        "Modules will be added to it in the order they are passed in the constructor.",
    "generated/torch.nn.SiLU.html#torch.nn.SiLU":
        "Applies the Sigmoid Linear Unit (SiLU) function, element-wise.",
    "generated/torch.nn.Sigmoid.html#torch.nn.Sigmoid":
        "Applies the Sigmoid function element-wise.",
    "generated/torch.nn.SmoothL1Loss.html#torch.nn.SmoothL1Loss":
        "Creates a criterion that uses a squared term if the absolute element-wise error falls below beta and an L1 term otherwise.",
    "generated/torch.nn.Softmax.html#torch.nn.Softmax":
        "Applies the Softmax function to an n-dimensional input Tensor.",
    "generated/torch.nn.Softmin.html#torch.nn.Softmin":
        "Applies the Softmin function to an n-dimensional input Tensor.",
    "generated/torch.nn.Softplus.html#torch.nn.Softplus":
        "Applies the Softplus function element-wise.",
    "generated/torch.nn.Softsign.html#torch.nn.Softsign":
        "Applies the element-wise Softsign function.",
    "generated/torch.nn.Tanh.html#torch.nn.Tanh":
        "Applies the Hyperbolic Tangent (Tanh) function element-wise.",
    "generated/torch.nn.Transformer.generate_square_subsequent_mask.html#torch.nn.Transformer.generate_square_subsequent_mask":
        "Generate a square causal mask for the sequence.",
    "generated/torch.nn.Transformer.html#torch.nn.Transformer":
        "A basic transformer layer.",
    "generated/torch.nn.TransformerDecoder.html#torch.nn.TransformerDecoder":
        "TransformerDecoder is a stack of N decoder layers.",
    "generated/torch.nn.TransformerDecoderLayer.html#torch.nn.TransformerDecoderLayer":
        "TransformerDecoderLayer is made up of self-attn, multi-head-attn and feedforward network.",
    "generated/torch.nn.TransformerEncoder.html#torch.nn.TransformerEncoder":
        "TransformerEncoder is a stack of N encoder layers.",
    "generated/torch.nn.TransformerEncoderLayer.html#torch.nn.TransformerEncoderLayer":
        "TransformerEncoderLayer is made up of self-attn and feedforward network.",
    "generated/torch.nn.TripletMarginLoss.html#torch.nn.TripletMarginLoss":
        "Creates a criterion that measures the triplet loss given an input tensors x1, x2, x3 and a margin with a value greater than 0.",
    "generated/torch.nn.Unflatten.html#torch.nn.Unflatten":
        "Unflattens a tensor dim expanding it to a desired shape.",
    "generated/torch.nn.Upsample.html#torch.nn.Upsample":
        "Upsamples a given multi-channel 1D (temporal), 2D (spatial) or 3D (volumetric) data.",
    "generated/torch.nn.UpsamplingBilinear2d.html#torch.nn.UpsamplingBilinear2d":
        "Applies a 2D bilinear upsampling to an input signal composed of several input channels.",
    "generated/torch.nn.functional.adaptive_avg_pool2d.html#torch.nn.functional.adaptive_avg_pool2d":
        "Apply a 2D adaptive average pooling over an input signal composed of several input planes.",
    "generated/torch.nn.functional.adaptive_max_pool2d.html#torch.nn.functional.adaptive_max_pool2d":
        "Applies a 2D adaptive max pooling over an input signal composed of several input planes.",
    "generated/torch.nn.functional.avg_pool2d.html#torch.nn.functional.avg_pool2d":
        "The number of output features is equal to the number of input planes.",
    "generated/torch.nn.functional.batch_norm.html#torch.nn.functional.batch_norm":
        "Apply Batch Normalization for each channel across a batch of data.",
    "generated/torch.nn.functional.binary_cross_entropy.html#torch.nn.functional.binary_cross_entropy":
        "Compute Binary Cross Entropy between the target and input probabilities.",
    "generated/torch.nn.functional.binary_cross_entropy_with_logits.html#torch.nn.functional.binary_cross_entropy_with_logits":
        "Compute Binary Cross Entropy between target and input logits.",
    "generated/torch.nn.functional.conv1d.html#torch.nn.functional.conv1d":
        "Applies a 1D convolution over an input signal composed of several input planes.",
    "generated/torch.nn.functional.conv2d.html#torch.nn.functional.conv2d":
        "Applies a 2D convolution over an input image composed of several input planes.",
    "generated/torch.nn.functional.conv_transpose2d.html#torch.nn.functional.conv_transpose2d":
        "Applies a 2D transposed convolution operator over an input image composed of several input planes, sometimes also called “deconvolution”.",
    "generated/torch.nn.functional.cosine_embedding_loss.html#torch.nn.functional.cosine_embedding_loss":
        "Compute the cosine embedding loss.",
    "generated/torch.nn.functional.cosine_similarity.html#torch.nn.functional.cosine_similarity":
        "Returns cosine similarity between x1 and x2, computed along dim. x1 and x2 must be broadcastable to a common shape. dim refers to the dimension in this common shape.",
    "generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy":
        "Compute the cross entropy loss between input logits and target.",
    "generated/torch.nn.functional.ctc_loss.html#torch.nn.functional.ctc_loss":
        "Compute the Connectionist Temporal Classification loss.",
    "generated/torch.nn.functional.dropout.html#torch.nn.functional.dropout":
        "During training, randomly zeroes some elements of the input tensor with probability p.",
    "generated/torch.nn.functional.dropout2d.html#torch.nn.functional.dropout2d":
        "Randomly zero out entire channels (a channel is a 2D feature map).",
    "generated/torch.nn.functional.elu.html#torch.nn.functional.elu":
        "Apply the Exponential Linear Unit (ELU) function element-wise.",
    "generated/torch.nn.functional.embedding.html#torch.nn.functional.embedding":
        "Generate a simple lookup table that looks up embeddings in a fixed dictionary and size.",
    "generated/torch.nn.functional.fold.html#torch.nn.functional.fold":
        "Combine an array of sliding local blocks into a large containing tensor.",
    "generated/torch.nn.functional.group_norm.html#torch.nn.functional.group_norm":
        "Apply Group Normalization for last certain number of dimensions.",
    "generated/torch.nn.functional.hardsigmoid.html#torch.nn.functional.hardsigmoid":
        "Apply the Hardsigmoid function element-wise.",
    "generated/torch.nn.functional.hardswish.html#torch.nn.functional.hardswish":
        "Apply hardswish function, element-wise.",
    "generated/torch.nn.functional.hardtanh.html#torch.nn.functional.hardtanh":
        "Applies the HardTanh function element-wise.",
    "generated/torch.nn.functional.huber_loss.html#torch.nn.functional.huber_loss":
        "Compute the Huber loss, with optional weighting.",
    "generated/torch.nn.functional.instance_norm.html#torch.nn.functional.instance_norm":
        "Apply Instance Normalization independently for each channel in every data sample within a batch.",
    "generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate":
        "Down/up samples the input.",
    "generated/torch.nn.functional.kl_div.html#torch.nn.functional.kl_div":
        "Compute the KL Divergence loss.",
    "generated/torch.nn.functional.l1_loss.html#torch.nn.functional.l1_loss":
        "Compute the L1 loss, with optional weighting.",
    "generated/torch.nn.functional.layer_norm.html#torch.nn.functional.layer_norm":
        "Apply Layer Normalization for last certain number of dimensions.",
    "generated/torch.nn.functional.log_softmax.html#torch.nn.functional.log_softmax":
        "Apply a softmax followed by a logarithm.",
    "generated/torch.nn.functional.margin_ranking_loss.html#torch.nn.functional.margin_ranking_loss":
        "Compute the margin ranking loss.",
    "generated/torch.nn.functional.max_pool2d.html#torch.nn.functional.max_pool2d":
        "Applies a 2D max pooling over an input signal composed of several input planes.",
    "generated/torch.nn.functional.mish.html#torch.nn.functional.mish":
        "Apply the Mish function, element-wise.",
    "generated/torch.nn.functional.mse_loss.html#torch.nn.functional.mse_loss":
        "Compute the element-wise mean squared error, with optional weighting.",
    "generated/torch.nn.functional.multi_head_attention_forward.html#torch.nn.functional.multi_head_attention_forward":
        "Forward method for MultiHeadAttention.",
    "generated/torch.nn.functional.nll_loss.html#torch.nn.functional.nll_loss":
        "Compute the negative log likelihood loss.",
    "generated/torch.nn.functional.normalize.html#torch.nn.functional.normalize":
        "With the default arguments it uses the Euclidean norm over vectors along dimension 1 for normalization.",
    "generated/torch.nn.functional.one_hot.html#torch.nn.functional.one_hot":
        "Takes LongTensor with index values of shape () and returns a tensor of shape (, num_classes) that have zeros everywhere except where the index of last dimension matches the corresponding value of the input tensor, in which case it will be 1.",
    "generated/torch.nn.functional.relu.html#torch.nn.functional.relu":
        "Applies the rectified linear unit function element-wise.",
    "generated/torch.nn.functional.scaled_dot_product_attention.html#torch.nn.functional.scaled_dot_product_attention":
        "Computes scaled dot product attention on query, key and value tensors, using an optional attention mask if passed, and applying dropout if a probability greater than 0.0 is specified.",
    "generated/torch.nn.functional.silu.html#torch.nn.functional.silu":
        "Apply the Sigmoid Linear Unit (SiLU) function, element-wise.",
    "generated/torch.nn.functional.smooth_l1_loss.html#torch.nn.functional.smooth_l1_loss":
        "Compute the Smooth L1 loss.",
    "generated/torch.nn.functional.softmax.html#torch.nn.functional.softmax":
        "Apply a softmax function.",
    "generated/torch.nn.functional.softmin.html#torch.nn.functional.softmin":
        "Apply a softmin function.",
    "generated/torch.nn.functional.triplet_margin_loss.html#torch.nn.functional.triplet_margin_loss":
        "Compute the triplet loss between given input tensors and a margin greater than 0.",
    "generated/torch.nn.functional.unfold.html#torch.nn.functional.unfold":
        "Extract sliding local blocks from a batched input tensor.",
    "generated/torch.nn.init.calculate_gain.html#torch.nn.init.calculate_gain":
        "Return the recommended gain value for the given nonlinearity function.",
    "generated/torch.nn.init.dirac_.html#torch.nn.init.dirac_":
        "Fill the {3, 4, 5}-dimensional input Tensor with the Dirac delta function.",
    "generated/torch.nn.init.eye_.html#torch.nn.init.eye_":
        "Fill the 2-dimensional input Tensor with the identity matrix.",
    "generated/torch.nn.init.kaiming_normal_.html#torch.nn.init.kaiming_normal_":
        "Fill the input Tensor with values using a Kaiming normal distribution.",
    "generated/torch.nn.init.kaiming_uniform_.html#torch.nn.init.kaiming_uniform_":
        "Fill the input Tensor with values using a Kaiming uniform distribution.",
    "generated/torch.nn.init.normal_.html#torch.nn.init.normal_":
        "Fill the input Tensor with values drawn from the normal distribution.",
    "generated/torch.nn.init.ones_.html#torch.nn.init.ones_":
        "Fill the input Tensor with the scalar value 1.",
    "generated/torch.nn.init.orthogonal_.html#torch.nn.init.orthogonal_":
        "Fill the input Tensor with a (semi) orthogonal matrix.",
    "generated/torch.nn.init.sparse_.html#torch.nn.init.sparse_":
        "Fill the 2D input Tensor as a sparse matrix.",
    "generated/torch.nn.init.trunc_normal_.html#torch.nn.init.trunc_normal_":
        "Fill the input Tensor with values drawn from a truncated normal distribution.",
    "generated/torch.nn.init.uniform_.html#torch.nn.init.uniform_":
        "Fill the input Tensor with values drawn from the uniform distribution.",
    "generated/torch.nn.init.xavier_normal_.html#torch.nn.init.xavier_normal_":
        "Fill the input Tensor with values using a Xavier normal distribution.",
    "generated/torch.nn.init.xavier_uniform_.html#torch.nn.init.xavier_uniform_":
        "Fill the input Tensor with values using a Xavier uniform distribution.",
    "generated/torch.nn.init.zeros_.html#torch.nn.init.zeros_":
        "Fill the input Tensor with the scalar value 0.",
    "generated/torch.nn.parameter.Parameter.html#torch.nn.parameter.Parameter":
        "A kind of Tensor that is to be considered a module parameter.",
    "generated/torch.nn.utils.clip_grad_norm_.html#torch.nn.utils.clip_grad_norm_":
        "Clip the gradient norm of an iterable of parameters.",
    "generated/torch.nn.utils.clip_grad_value_.html#torch.nn.utils.clip_grad_value_":
        "Clip the gradients of an iterable of parameters at specified value.",
    "generated/torch.nn.utils.parameters_to_vector.html#torch.nn.utils.parameters_to_vector":
        "Flatten an iterable of parameters into a single vector.",
    "generated/torch.nn.utils.rnn.PackedSequence.html#torch.nn.utils.rnn.PackedSequence":
        "Holds the data and list of batch_sizes of a packed sequence.",
    "generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence":
        "Packs a Tensor containing padded sequences of variable length.",
    "generated/torch.nn.utils.rnn.pack_sequence.html#torch.nn.utils.rnn.pack_sequence":
        "Packs a list of variable length Tensors.",
    "generated/torch.nn.utils.rnn.pad_packed_sequence.html#torch.nn.utils.rnn.pad_packed_sequence":
        "Pad a packed batch of variable length sequences.",
    "generated/torch.nn.utils.rnn.pad_sequence.html#torch.nn.utils.rnn.pad_sequence":
        "Pad a list of variable length Tensors with padding_value.",
    "generated/torch.nn.utils.rnn.unpack_sequence.html#torch.nn.utils.rnn.unpack_sequence":
        "Unpack PackedSequence into a list of variable length Tensors.",
    "generated/torch.nn.utils.vector_to_parameters.html#torch.nn.utils.vector_to_parameters":
        "Copy slices of a vector into an iterable of parameters.",
    "generated/torch.no_grad.html#torch.no_grad":
        "Context-manager that disables gradient calculation.",
    "generated/torch.nonzero.html#torch.nonzero":
        "Of the returned tuple, each index tensor contains nonzero indices for a certain dimension.",
    "generated/torch.normal.html#torch.normal":
        "Returns a tensor of random numbers drawn from separate normal distributions whose mean and standard deviation are given.",
    "generated/torch.numel.html#torch.numel":
        "Returns the total number of elements in the input tensor.",
    "generated/torch.ones.html#torch.ones":
        "Returns a tensor filled with the scalar value 1, with the shape defined by the variable argument size.",
    "generated/torch.ones_like.html#torch.ones_like":
        "Returns a tensor filled with the scalar value 1, with the same size as input. torch.ones_like(input) is equivalent to torch.ones(input.size(), dtype=input.dtype, layout=input.layout, device=input.device).",
    "generated/torch.optim.ASGD.html#torch.optim.ASGD":
        "Implements Averaged Stochastic Gradient Descent.",
    "generated/torch.optim.AdamW.html#torch.optim.AdamW":
        "Implements AdamW algorithm, where weight decay does not accumulate in the momentum nor variance.",
    "generated/torch.optim.Adamax.html#torch.optim.Adamax":
        "Implements Adamax algorithm (a variant of Adam based on infinity norm).",
    "generated/torch.optim.Optimizer.add_param_group.html#torch.optim.Optimizer.add_param_group":
        "Add a param group to the Optimizer s param_groups.",
    "generated/torch.optim.Optimizer.load_state_dict.html#torch.optim.Optimizer.load_state_dict":
        "Load the optimizer state.",
    "generated/torch.optim.Optimizer.register_step_pre_hook.html#torch.optim.Optimizer.register_step_pre_hook":
        "Register an optimizer step pre hook which will be called before optimizer step.",
    "generated/torch.optim.Optimizer.state_dict.html#torch.optim.Optimizer.state_dict":
        "Return the state of the optimizer as a dict.",
    "generated/torch.optim.Optimizer.step.html#torch.optim.Optimizer.step":
        "Perform a single optimization step to update parameter.",
    "generated/torch.optim.Optimizer.zero_grad.html#torch.optim.Optimizer.zero_grad":
        "Reset the gradients of all optimized torch.Tensor s.",
    "generated/torch.optim.Rprop.html#torch.optim.Rprop":
        "Implements the resilient backpropagation algorithm.",
    "generated/torch.optim.SGD.html#torch.optim.SGD":
        "Implements stochastic gradient descent (optionally with momentum).",
    "generated/torch.optim.lr_scheduler.ChainedScheduler.html#torch.optim.lr_scheduler.ChainedScheduler":
        "Chains a list of learning rate schedulers.",
    "generated/torch.optim.lr_scheduler.ConstantLR.html#torch.optim.lr_scheduler.ConstantLR":
        "Multiply the learning rate of each parameter group by a small constant factor.",
    "generated/torch.optim.lr_scheduler.CosineAnnealingLR.html#torch.optim.lr_scheduler.CosineAnnealingLR":
        "Set the learning rate of each parameter group using a cosine annealing schedule.",
    "generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html#torch.optim.lr_scheduler.CosineAnnealingWarmRestarts":
        "Set the learning rate of each parameter group using a cosine annealing schedule.",
    "generated/torch.optim.lr_scheduler.CyclicLR.html#torch.optim.lr_scheduler.CyclicLR":
        "Sets the learning rate of each parameter group according to cyclical learning rate policy (CLR).",
    "generated/torch.optim.lr_scheduler.ExponentialLR.html#torch.optim.lr_scheduler.ExponentialLR":
        "Decays the learning rate of each parameter group by gamma every epoch.",
    "generated/torch.optim.lr_scheduler.LRScheduler.get_last_lr.html#torch.optim.lr_scheduler.LRScheduler.get_last_lr":
        "Get the most recent learning rates computed by this scheduler.",
    "generated/torch.optim.lr_scheduler.LRScheduler.load_state_dict.html#torch.optim.lr_scheduler.LRScheduler.load_state_dict":
        "Load the scheduler’s state.",
    "generated/torch.optim.lr_scheduler.LRScheduler.state_dict.html#torch.optim.lr_scheduler.LRScheduler.state_dict":
        "Return the state of the scheduler as a dict.",
    "generated/torch.optim.lr_scheduler.LambdaLR.html#torch.optim.lr_scheduler.LambdaLR":
        "Sets the initial learning rate.",
    "generated/torch.optim.lr_scheduler.LinearLR.html#torch.optim.lr_scheduler.LinearLR":
        "Decays the learning rate of each parameter group by linearly changing small multiplicative factor.",
    "generated/torch.optim.lr_scheduler.MultiStepLR.html#torch.optim.lr_scheduler.MultiStepLR":
        "Decays the learning rate of each parameter group by gamma once the number of epoch reaches one of the milestones.",
    "generated/torch.optim.lr_scheduler.MultiplicativeLR.html#torch.optim.lr_scheduler.MultiplicativeLR":
        "Multiply the learning rate of each parameter group by the factor given in the specified function.",
    "generated/torch.optim.lr_scheduler.OneCycleLR.html#torch.optim.lr_scheduler.OneCycleLR":
        "Sets the learning rate of each parameter group according to the 1cycle learning rate policy.",
    "generated/torch.optim.lr_scheduler.PolynomialLR.html#torch.optim.lr_scheduler.PolynomialLR":
        "Decays the learning rate of each parameter group using a polynomial function in the given total_iters.",
    "generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html#torch.optim.lr_scheduler.ReduceLROnPlateau":
        "Reduce learning rate when a metric has stopped improving.",
    "generated/torch.optim.lr_scheduler.SequentialLR.html#torch.optim.lr_scheduler.SequentialLR":
        "Contains a list of schedulers expected to be called sequentially during the optimization process.",
    "generated/torch.optim.lr_scheduler.StepLR.html#torch.optim.lr_scheduler.StepLR":
        "Decays the learning rate of each parameter group by gamma every step_size epochs.",
    "generated/torch.optim.swa_utils.AveragedModel.html#torch.optim.swa_utils.AveragedModel":
        "Implements averaged model for Stochastic Weight Averaging (SWA) and Exponential Moving Average (EMA).",
    "generated/torch.optim.swa_utils.SWALR.html#torch.optim.swa_utils.SWALR":
        "Anneals the learning rate in each parameter group to a fixed value.",
    "generated/torch.optim.swa_utils.get_ema_avg_fn.html#torch.optim.swa_utils.get_ema_avg_fn":
        "Get the function applying exponential moving average (EMA) across multiple params.",
    "generated/torch.optim.swa_utils.get_ema_multi_avg_fn.html#torch.optim.swa_utils.get_ema_multi_avg_fn":
        "Get the function applying exponential moving average (EMA) across multiple params.",
    "generated/torch.optim.swa_utils.update_bn.html#torch.optim.swa_utils.update_bn":
        "Update BatchNorm running_mean, running_var buffers in the model.",
    "generated/torch.outer.html#torch.outer":
        "Outer product of input and vec2.",
    "generated/torch.permute.html#torch.permute":
        "Returns a view of the original tensor input with its dimensions permuted.",
    "generated/torch.pow.html#torch.pow":
        "Takes the power of each element in input with exponent and returns a tensor with the result.",
    "generated/torch.prod.html#torch.prod":
        "Returns the product of all elements in the input tensor.",
    "generated/torch.promote_types.html#torch.promote_types":
        "Returns the torch.dtype with the smallest size and scalar kind that is not smaller nor of lower kind than either type1 or type2.",
    "generated/torch.randint.html#torch.randint":
        "Returns a tensor filled with random integers generated uniformly between low (inclusive) and high (exclusive).",
    "generated/torch.randint_like.html#torch.randint_like":
        "Returns a tensor with the same shape as Tensor input filled with random integers generated uniformly between low (inclusive) and high (exclusive).",
    "generated/torch.randn.html#torch.randn":
        "Returns a tensor filled with random numbers from a normal distribution with mean 0 and variance 1 (also called the standard normal distribution).",
    "generated/torch.randn_like.html#torch.randn_like":
        "Returns a tensor with the same size as input that is filled with random numbers from a normal distribution with mean 0 and variance 1.",
    "generated/torch.randperm.html#torch.randperm":
        "Returns a random permutation of integers from 0 to n - 1.",
    "generated/torch.relu_.html#torch.relu_":
        "In-place version of relu().",
    "generated/torch.remainder.html#torch.remainder":
        "Computes Python’s modulus operation entrywise.",
    "generated/torch.reshape.html#torch.reshape":
        "Returns a tensor with the same data and number of elements as input, but with the specified shape.",
    "generated/torch.roll.html#torch.roll":
        "Roll the tensor input along the given dimension(s).",
    "generated/torch.round.html#torch.round":
        "Rounds elements of input to the nearest integer.",
    "generated/torch.rsqrt.html#torch.rsqrt":
        "Returns a new tensor with the reciprocal of the square-root of each of the elements of input.",
    "generated/torch.save.html#torch.save":
        "Saves an object to a disk file.",
    "generated/torch.scatter.html#torch.scatter":
        "Out-of-place version of torch.Tensor.scatter_()",
    "generated/torch.scatter_add.html#torch.scatter_add":
        "Out-of-place version of torch.Tensor.scatter_add_()",
    "generated/torch.select.html#torch.select":
        "Slices the input tensor along the selected dimension at the given index.",
    "generated/torch.set_default_device.html#torch.set_default_device":
        "Sets the default torch.Tensor to be allocated on device.",
    "generated/torch.set_default_dtype.html#torch.set_default_dtype":
        "Sets the default floating point dtype to d.",
    "generated/torch.set_grad_enabled.html#torch.set_grad_enabled":
        "Context-manager that sets gradient calculation on or off.",
    "generated/torch.set_printoptions.html#torch.set_printoptions":
        "Set options for printing.",
    "generated/torch.sign.html#torch.sign":
        "Returns a new tensor with the signs of the elements of input.",
    "generated/torch.sin.html#torch.sin":
        "Returns a new tensor with the sine of the elements in the input tensor, where each value in this input tensor is in radians.",
    "generated/torch.sinh.html#torch.sinh":
        "Returns a new tensor with the hyperbolic sine of the elements of input.",
    "generated/torch.split.html#torch.split":
        "Splits the tensor into chunks.",
    "generated/torch.sqrt.html#torch.sqrt":
        "Returns a new tensor with the square-root of the elements of input.",
    "generated/torch.square.html#torch.square":
        "Returns a new tensor with the square of the elements of input.",
    "generated/torch.squeeze.html#torch.squeeze":
        "Returns a tensor with all specified dimensions of input of size 1 removed.",
    "generated/torch.stack.html#torch.stack":
        "Concatenates a sequence of tensors along a new dimension.",
    "generated/torch.std.html#torch.std":
        "Calculates the standard deviation over the dimensions specified by dim.",
    "generated/torch.std_mean.html#torch.std_mean":
        "Calculates the standard deviation and mean over the dimensions specified by dim.",
    "generated/torch.sub.html#torch.sub":
        "Subtracts other, scaled by alpha, from input.",
    "generated/torch.sum.html#torch.sum":
        "Returns the sum of all elements in the input tensor.",
    "generated/torch.swapdims.html#torch.swapdims":
        "This function is equivalent to NumPy’s swapaxes function.",
    "generated/torch.t.html#torch.t":
        "Expects input to be <= 2-D tensor and transposes dimensions 0 and 1.",
    "generated/torch.tan.html#torch.tan":
        "Returns a new tensor with the tangent of the elements in the input tensor, where each value in this input tensor is in radians.",
    "generated/torch.tanh.html#torch.tanh":
        "Returns a new tensor with the hyperbolic tangent of the elements of input.",
    "generated/torch.tensor_split.html#torch.tensor_split":
        "Splits a tensor into multiple sub-tensors, all of which are views of input, along dimension dim according to the indices or number of sections specified by indices_or_sections.",
    "generated/torch.tile.html#torch.tile":
        "Constructs a tensor by repeating the elements of input.",
    "generated/torch.transpose.html#torch.transpose":
        "Returns a tensor that is a transposed version of input.",
    "generated/torch.tril.html#torch.tril":
        "Returns the lower triangular part of the matrix (2-D tensor) or batch of matrices input, the other elements of the result tensor out are set to 0.",
    "generated/torch.triu.html#torch.triu":
        "Returns the upper triangular part of a matrix (2-D tensor) or batch of matrices input, the other elements of the result tensor out are set to 0.",
    "generated/torch.true_divide.html#torch.true_divide":
        "Alias for torch.div() with rounding_mode=None.",
    "generated/torch.trunc.html#torch.trunc":
        "Returns a new tensor with the truncated integer values of the elements of input.",
    "generated/torch.unbind.html#torch.unbind":
        "Removes a tensor dimension.",
    "generated/torch.unflatten.html#torch.unflatten":
        "Expands a dimension of the input tensor over multiple dimensions.",
    "generated/torch.unique.html#torch.unique":
        "Returns the unique elements of the input tensor.",
    "generated/torch.unique_consecutive.html#torch.unique_consecutive":
        "Eliminates all but the first element from every consecutive group of equivalent elements.",
    "generated/torch.unsqueeze.html#torch.unsqueeze":
        "Returns a new tensor with a dimension of size one inserted at the specified position.",
    "generated/torch.utils.data.BatchSampler.html#torch.utils.data.BatchSampler":
        "Wraps another sampler to yield a mini-batch of indices.",
    "generated/torch.utils.data.ChainDataset.html#torch.utils.data.ChainDataset":
        "Dataset for chaining multiple IterableDataset s.",
    "generated/torch.utils.data.ConcatDataset.html#torch.utils.data.ConcatDataset":
        "Dataset as a concatenation of multiple datasets.",
    "generated/torch.utils.data.DataLoader.html#torch.utils.data.DataLoader":
        "Data loader combines a dataset and a sampler, and provides an iterable over the given dataset.",
    "generated/torch.utils.data.Dataset.html#torch.utils.data.Dataset":
        "An abstract class representing a Dataset.",
    "generated/torch.utils.data.RandomSampler.html#torch.utils.data.RandomSampler":
        "If without replacement, then sample from a shuffled dataset.",
    "generated/torch.utils.data.SequentialSampler.html#torch.utils.data.SequentialSampler":
        "Samples elements sequentially, always in the same order.",
    "generated/torch.utils.data.StackDataset.html#torch.utils.data.StackDataset":
        "Dataset as a stacking of multiple datasets.",
    "generated/torch.utils.data.Subset.html#torch.utils.data.Subset":
        "Subset of a dataset at specified indices.",
    "generated/torch.utils.data.SubsetRandomSampler.html#torch.utils.data.SubsetRandomSampler":
        "Samples elements randomly from a given list of indices, without replacement.",
    "generated/torch.utils.data.TensorDataset.html#torch.utils.data.TensorDataset":
        "Each sample will be retrieved by indexing tensors along the first dimension.",
    "generated/torch.utils.data.WeightedRandomSampler.html#torch.utils.data.WeightedRandomSampler":
        "Samples elements from [0,..,len(weights)-1] with given probabilities (weights).",
    "generated/torch.utils.data.default_collate.html#torch.utils.data.default_collate":
        "Take in a batch of data and put the elements within the batch into a tensor with an additional outer dimension - batch size.",
    "generated/torch.utils.data.default_convert.html#torch.utils.data.default_convert":
        "Convert each NumPy array element into a torch.Tensor.",
    "generated/torch.utils.data.distributed.DistributedSampler.html#torch.utils.data.distributed.DistributedSampler":
        "Sampler that restricts data loading to a subset of the dataset.",
    "generated/torch.utils.data.get_worker_info.html#torch.utils.data.get_worker_info":
        "Returns the information about the current DataLoader iterator worker process.",
    "generated/torch.utils.data.random_split.html#torch.utils.data.random_split":
        "Randomly split a dataset into non-overlapping new datasets of given lengths.",
    "generated/torch.var.html#torch.var":
        "Calculates the variance over the dimensions specified by dim.",
    "generated/torch.var_mean.html#torch.var_mean":
        "Calculates the variance and mean over the dimensions specified by dim.",
    "generated/torch.vstack.html#torch.vstack":
        "Stack tensors in sequence vertically (row wise).",
    "generated/torch.where.html#torch.where":
        "Return a tensor of elements selected from either input or other, depending on condition.",
    "generated/torch.zeros.html#torch.zeros":
        "Returns a tensor filled with the scalar value 0, with the shape defined by the variable argument size.",
    "generated/torch.zeros_like.html#torch.zeros_like":
        "Returns a tensor filled with the scalar value 0, with the same size as input. torch.zeros_like(input) is equivalent to torch.zeros(input.size(), dtype=input.dtype, layout=input.layout, device=input.device).",
    "generated/torch.special.erf.html#torch.special.erf":
        "Computes the error function of input.",
    "generated/torch.special.erfc.html#torch.special.erfc":
        "Computes the complementary error function of input.",
    "generated/torch.special.exp2.html#torch.special.exp2":
        "Computes the base two exponential function of input.",
    "generated/torch.special.expit.html#torch.special.expit":
        "Computes the expit (also known as the logistic sigmoid function) of the elements of input.",
    "generated/torch.special.expm1.html#torch.special.expm1":
        "Computes the exponential of the elements minus 1 of input.",
    "generated/torch.Tensor.shape.html#torch.Tensor.shape":
        "Returns the size of the self tensor.",
    "generated/torch.autocast.html#torch.autocast":
        "Instances of autocast serve as context managers or decorators that allow regions of your script to run in mixed precision.",
    "generated/torch.equal.html#torch.equal":
        "True if two tensors have the same size and elements, False otherwise.",
    "generated/torch.gather.html#torch.gather":
        "Gathers values along an axis specified by dim.",
    "generated/torch.nn.functional.avg_pool1d.html#torch.nn.functional.avg_pool1d":
        "Applies a 1D average pooling over an input signal composed of several input planes.",
    "generated/torch.result_type.html#torch.result_type":
        "Returns the torch.dtype that would result from performing an arithmetic operation on the provided input tensors.",
}

# pages that only say "Alias for X" or "See X for more details" -> X's page, whose sentence they borrow
ALIASES = {
    "generated/torch.Tensor.clip_.html": "generated/torch.Tensor.clamp_.html",
    "generated/torch.Tensor.cumsum.html": "generated/torch.cumsum.html",
    "generated/torch.Tensor.exp.html": "generated/torch.exp.html",
    "generated/torch.Tensor.flip.html": "generated/torch.flip.html",
    "generated/torch.Tensor.max.html": "generated/torch.max.html",
    "generated/torch.Tensor.prod.html": "generated/torch.prod.html",
    "generated/torch.Tensor.softmax.html": "generated/torch.nn.functional.softmax.html",
    "generated/torch.Tensor.sum.html": "generated/torch.sum.html",
    "generated/torch.Tensor.tanh.html": "generated/torch.tanh.html",
    "generated/torch.absolute.html": "generated/torch.abs.html",
    "generated/torch.arccos.html": "generated/torch.acos.html",
    "generated/torch.arcsin.html": "generated/torch.asin.html",
    "generated/torch.arctan.html": "generated/torch.atan.html",
    "generated/torch.arctan2.html": "generated/torch.atan2.html",
    "generated/torch.concat.html": "generated/torch.cat.html",
    "generated/torch.concatenate.html": "generated/torch.cat.html",
    "generated/torch.divide.html": "generated/torch.div.html",
    "generated/torch.erf.html": "generated/torch.special.erf.html",
    "generated/torch.erfc.html": "generated/torch.special.erfc.html",
    "generated/torch.exp2.html": "generated/torch.special.exp2.html",
    "generated/torch.expm1.html": "generated/torch.special.expm1.html",
    "generated/torch.fix.html": "generated/torch.trunc.html",
    "generated/torch.ger.html": "generated/torch.outer.html",
    "generated/torch.greater.html": "generated/torch.gt.html",
    "generated/torch.greater_equal.html": "generated/torch.ge.html",
    "generated/torch.less.html": "generated/torch.lt.html",
    "generated/torch.less_equal.html": "generated/torch.le.html",
    "generated/torch.multiply.html": "generated/torch.mul.html",
    "generated/torch.negative.html": "generated/torch.neg.html",
    "generated/torch.nn.functional.celu.html": "generated/torch.nn.CELU.html",
    "generated/torch.nn.functional.leaky_relu.html": "generated/torch.nn.LeakyReLU.html",
    "generated/torch.nn.functional.logsigmoid.html": "generated/torch.nn.LogSigmoid.html",
    "generated/torch.nn.functional.prelu.html": "generated/torch.nn.PReLU.html",
    "generated/torch.nn.functional.relu6.html": "generated/torch.nn.ReLU6.html",
    "generated/torch.nn.functional.selu.html": "generated/torch.nn.SELU.html",
    "generated/torch.nn.functional.sigmoid.html": "generated/torch.nn.Sigmoid.html",
    "generated/torch.nn.functional.softplus.html": "generated/torch.nn.Softplus.html",
    "generated/torch.nn.functional.softsign.html": "generated/torch.nn.Softsign.html",
    "generated/torch.nn.functional.tanh.html": "generated/torch.nn.Tanh.html",
    "generated/torch.not_equal.html": "generated/torch.ne.html",
    "generated/torch.sigmoid.html": "generated/torch.special.expit.html",
    "generated/torch.softmax.html": "generated/torch.nn.functional.softmax.html",
    "generated/torch.subtract.html": "generated/torch.sub.html",
}

# behaviours about one method of a class page -> that method's first sentence, anchored at the method
# (nn.module-train-returns-self quotes torch.nn.Module.train); behaviours about one argument -> the first
# sentence of that argument's description when it states something (function.grad-allow-unused-gives-none)
BEHAVIOURS = {
    "amp.autocast-cpu-float16-enabled-silently": ("generated/torch.autocast.html#torch.autocast",
        "Whether autocasting should be enabled in the region."),
    "amp.error-backoff-factor": ("generated/torch.amp.GradScaler.html#torch.amp.GradScaler",
        "Factor by which the scale is multiplied during update() if inf/NaN gradients occur in an iteration."),
    "amp.error-backoff-factor-message-text": ("generated/torch.amp.GradScaler.html#torch.amp.GradScaler",
        "Factor by which the scale is multiplied during update() if inf/NaN gradients occur in an iteration."),
    "amp.error-growth-factor": ("generated/torch.amp.GradScaler.html#torch.amp.GradScaler",
        "Factor by which the scale is multiplied during update() if no inf/NaN gradients occur for growth_interval consecutive iterations."),
    "amp.error-growth-factor-message-text": ("generated/torch.amp.GradScaler.html#torch.amp.GradScaler",
        "Factor by which the scale is multiplied during update() if no inf/NaN gradients occur for growth_interval consecutive iterations."),
    "autograd.grad-set-to-none-restarts": ("generated/torch.optim.Optimizer.zero_grad.html#torch.optim.Optimizer.zero_grad",
        "Instead of setting to zero, set the grads to None."),
    "autograd.requires-grad-false-stops-flow": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "autograd.requires-grad-returns-self": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "autograd.retain-graph-allows-second-backward": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "If False, the graph used to compute the grads will be freed; If True, it will be retained."),
    "creation.randint-high-only": ("generated/torch.randint.html#torch.randint",
        "One above the highest integer to be drawn from the distribution."),
    "creation.requires-grad-setter": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "creation.tensor-requires-grad-argument": ("generated/torch.tensor.html#torch.tensor",
        "If autograd should record operations on the returned tensor."),
    "data.random-sampler-replacement-uniform": ("generated/torch.utils.data.RandomSampler.html#torch.utils.data.RandomSampler",
        "samples are drawn on-demand with replacement if True, default=False"),
    "data.random-split-bad-lengths": ("generated/torch.utils.data.random_split.html#torch.utils.data.random_split",
        "lengths or fractions of splits to be produced"),
    "data.random-split-bad-lengths-message-text": ("generated/torch.utils.data.random_split.html#torch.utils.data.random_split",
        "lengths or fractions of splits to be produced"),
    "data.weighted-sampler-without-replacement": ("generated/torch.utils.data.WeightedRandomSampler.html#torch.utils.data.WeightedRandomSampler",
        "if True, samples are drawn with replacement."),
    "elementwise.clamp-max-only": ("generated/torch.clamp.html#torch.clamp",
        "upper-bound of the range to be clamped to"),
    "elementwise.clamp-min-max": ("generated/torch.clamp.html#torch.clamp",
        "lower-bound of the range to be clamped to"),
    "elementwise.clamp-min-only": ("generated/torch.clamp.html#torch.clamp",
        "lower-bound of the range to be clamped to"),
    "errors.where-condition-must-be-bool": ("generated/torch.where.html#torch.where",
        "When True (nonzero), yield input, otherwise yield other"),
    "function.autograd-backward-inputs": ("generated/torch.autograd.backward.html#torch.autograd.backward",
        "Inputs w.r.t. which the gradient will be accumulated into .grad."),
    "function.backward-inputs-accumulates": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "Inputs w.r.t. which the gradient will be accumulated into .grad."),
    "function.backward-inputs-both": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "Inputs w.r.t. which the gradient will be accumulated into .grad."),
    "function.backward-inputs-only-those-leaves": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "Inputs w.r.t. which the gradient will be accumulated into .grad."),
    "function.grad-allow-unused-gives-none": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "If False, specifying inputs that were not used when computing outputs (and therefore their grad is always zero) is an error."),
    "function.grad-materialize-grads": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "If True, set the gradient for unused inputs to zero instead of None."),
    "function.grad-retain-graph": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "If False, the graph used to compute the grad will be freed."),
    "function.grad-several-inputs-in-order": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "Inputs w.r.t. which the gradient will be returned (and not accumulated into .grad)."),
    "function.grad-unused-without-allow-unused-raises": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "If False, specifying inputs that were not used when computing outputs (and therefore their grad is always zero) is an error."),
    "grad-errors.bool-requires-grad": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "grad-errors.integer-requires-grad-argument": ("generated/torch.tensor.html#torch.tensor",
        "If autograd should record operations on the returned tensor."),
    "grad-errors.integer-requires-grad-method": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "grad-errors.integer-requires-grad-method-message-text": ("generated/torch.Tensor.requires_grad_.html#torch.Tensor.requires_grad_",
        "If autograd should record operations on this tensor."),
    "grad.clamp-max": ("generated/torch.clamp.html#torch.clamp",
        "upper-bound of the range to be clamped to"),
    "grad.clamp-min": ("generated/torch.clamp.html#torch.clamp",
        "lower-bound of the range to be clamped to"),
    "grad.second-backward-create-graph": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "If True, graph of the derivative will be constructed, allowing to compute higher order derivative products."),
    "grad.second-first-grad-without-create-graph-is-constant": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "If True, graph of the derivative will be constructed, allowing to compute higher order derivative products."),
    "joining.cat-dim-out-of-range-raises": ("generated/torch.cat.html#torch.cat",
        "the dimension over which the tensors are concatenated"),
    "joining.cat-zero-dim-raises": ("generated/torch.cat.html#torch.cat",
        "the dimension over which the tensors are concatenated"),
    "lr-scheduler.cycle-momentum-needs-momentum": ("generated/torch.optim.lr_scheduler.CyclicLR.html#torch.optim.lr_scheduler.CyclicLR",
        "If True, momentum is cycled inversely to learning rate between ‘base_momentum’ and ‘max_momentum’."),
    "lr-scheduler.cycle-momentum-needs-momentum-message-text": ("generated/torch.optim.lr_scheduler.CyclicLR.html#torch.optim.lr_scheduler.CyclicLR",
        "If True, momentum is cycled inversely to learning rate between ‘base_momentum’ and ‘max_momentum’."),
    "lr-scheduler.plateau-factor": ("generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html#torch.optim.lr_scheduler.ReduceLROnPlateau",
        "Factor by which the learning rate will be reduced. new_lr = lr * factor."),
    "lr-scheduler.plateau-factor-message-text": ("generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html#torch.optim.lr_scheduler.ReduceLROnPlateau",
        "Factor by which the learning rate will be reduced. new_lr = lr * factor."),
    "lr-scheduler.plateau-patience": ("generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html#torch.optim.lr_scheduler.ReduceLROnPlateau",
        "The number of allowed epochs with no improvement after which the learning rate will be reduced."),
    "nn.adaptive-max-pool2d-return-indices": ("generated/torch.nn.AdaptiveMaxPool2d.html#torch.nn.AdaptiveMaxPool2d",
        "if True, will return the indices along with the outputs."),
    "nn.avg-pool1d-count-include-pad-false": ("generated/torch.nn.AvgPool1d.html#torch.nn.AvgPool1d",
        "when True, will include the zero-padding in the averaging calculation"),
    "nn.avg-pool2d-count-include-pad-false": ("generated/torch.nn.AvgPool2d.html#torch.nn.AvgPool2d",
        "when True, will include the zero-padding in the averaging calculation"),
    "nn.avg-pool2d-divisor-override": ("generated/torch.nn.AvgPool2d.html#torch.nn.AvgPool2d",
        "if specified, it will be used as divisor, otherwise size of the pooling region will be used."),
    "nn.backward-hook-fires-once": ("generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook",
        "Register a backward hook on the module."),
    "nn.backward-hook-grads": ("generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook",
        "Register a backward hook on the module."),
    "nn.backward-hook-no-input-grad": ("generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook",
        "Register a backward hook on the module."),
    "nn.backward-hook-order-reverse": ("generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook",
        "Register a backward hook on the module."),
    "nn.backward-hook-replaces-grad-input": ("generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook",
        "Register a backward hook on the module."),
    "nn.bce-with-logits-module-pos-weight": ("generated/torch.nn.BCEWithLogitsLoss.html#torch.nn.BCEWithLogitsLoss",
        "a weight of positive examples to be broadcasted with target."),
    "nn.clip-grad-norm-module-parameters": ("generated/torch.nn.utils.clip_grad_norm_.html#torch.nn.utils.clip_grad_norm_",
        "an iterable of Tensors or a single Tensor that will have gradients normalized"),
    "nn.convtranspose2d-padding-mode-raises": ("generated/torch.nn.ConvTranspose2d.html#torch.nn.ConvTranspose2d",
        "dilation * (kernel_size - 1) - padding zero-padding will be added to both sides of each dimension in the input."),
    "nn.ctc-loss-zero-infinity": ("generated/torch.nn.CTCLoss.html#torch.nn.CTCLoss",
        "Whether to zero infinite losses and the associated gradients."),
    "nn.elu-inplace": ("generated/torch.nn.ELU.html#torch.nn.ELU",
        "can optionally do the operation in-place."),
    "nn.embedding-from-pretrained-freeze": ("generated/torch.nn.Embedding.from_pretrained.html#torch.nn.Embedding.from_pretrained",
        "If True, the tensor does not get updated in the learning process."),
    "nn.embedding-max-norm-renormalises-rows": ("generated/torch.nn.functional.embedding.html#torch.nn.functional.embedding",
        "If given, each embedding vector with norm larger than max_norm is renormalized to have norm max_norm."),
    "nn.embedding-module-padding-idx": ("generated/torch.nn.Embedding.html#torch.nn.Embedding",
        "If specified, the entries at padding_idx do not contribute to the gradient; therefore, the embedding vector at padding_idx is not updated during training, i.e. it remains as a fixed “pad”."),
    "nn.embedding-padding-idx-zero-gradient": ("generated/torch.nn.Embedding.html#torch.nn.Embedding",
        "If specified, the entries at padding_idx do not contribute to the gradient; therefore, the embedding vector at padding_idx is not updated during training, i.e. it remains as a fixed “pad”."),
    "nn.embedding-scale-grad-by-freq": ("generated/torch.nn.functional.embedding.html#torch.nn.functional.embedding",
        "If given, this will scale gradients by the inverse of frequency of the words in the mini-batch."),
    "nn.forward-hook-prepend": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook",
        "Register a forward hook on the module."),
    "nn.forward-hook-remove": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook",
        "Register a forward hook on the module."),
    "nn.forward-hook-replaces-output": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook",
        "Register a forward hook on the module."),
    "nn.forward-hook-sees-args": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook",
        "Register a forward hook on the module."),
    "nn.forward-hook-with-kwargs": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook",
        "Register a forward hook on the module."),
    "nn.forward-pre-hook-order": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_pre_hook",
        "Register a forward pre-hook on the module."),
    "nn.forward-pre-hook-replaces-input": ("generated/torch.nn.Module.html#torch.nn.Module.register_forward_pre_hook",
        "Register a forward pre-hook on the module."),
    "nn.hardswish-inplace": ("generated/torch.nn.Hardswish.html#torch.nn.Hardswish",
        "can optionally do the operation in-place."),
    "nn.hardtanh-inplace": ("generated/torch.nn.Hardtanh.html#torch.nn.Hardtanh",
        "can optionally do the operation in-place."),
    "nn.interpolate-bilinear-align-corners": ("generated/torch.nn.Upsample.html#torch.nn.Upsample",
        "if True, the corner pixels of the input and output tensors are aligned, and thus preserving the values at those pixels."),
    "nn.kl-div-log-target": ("generated/torch.nn.KLDivLoss.html#torch.nn.KLDivLoss",
        "Specifies whether target is the log space."),
    "nn.leaky-relu-inplace": ("generated/torch.nn.LeakyReLU.html#torch.nn.LeakyReLU",
        "can optionally do the operation in-place."),
    "nn.load-state-dict-all-match": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-copies-values": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-ignores-non-persistent": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-non-strict": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-non-strict-repr": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-result-fields": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-roundtrip": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-size-mismatch": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-size-mismatch-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-size-mismatch-non-strict": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-size-mismatch-non-strict-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-strict-error": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.load-state-dict-strict-error-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.load_state_dict",
        "Copy parameters and buffers from state_dict into this module and its descendants."),
    "nn.loss-pos-weight-buffer": ("generated/torch.nn.BCEWithLogitsLoss.html#torch.nn.BCEWithLogitsLoss",
        "a weight of positive examples to be broadcasted with target."),
    "nn.max-pool1d-return-indices": ("generated/torch.nn.MaxPool1d.html#torch.nn.MaxPool1d",
        "If True, will return the argmax along with the max values."),
    "nn.max-pool2d-return-indices": ("generated/torch.nn.MaxPool2d.html#torch.nn.MaxPool2d",
        "if True, will return the max indices along with the outputs."),
    "nn.maxpool2d-module-return-indices": ("generated/torch.nn.MaxPool2d.html#torch.nn.MaxPool2d",
        "if True, will return the max indices along with the outputs."),
    "nn.mha-add-bias-kv-appends-a-key": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If specified, adds bias to the key and value sequences at dim=0."),
    "nn.mha-add-zero-attn-appends-a-zero-key": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If specified, adds a new batch of zeros to the key and value sequences at dim=1."),
    "nn.mha-batch-first-layout": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If True, then the input and output tensors are provided as (batch, seq, feature)."),
    "nn.mha-no-bias": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If specified, adds bias to input / output projection layers."),
    "nn.mha-state-dict-keys-bias-kv": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If specified, adds bias to input / output projection layers."),
    "nn.mha-state-dict-keys-no-bias": ("generated/torch.nn.MultiheadAttention.html#torch.nn.MultiheadAttention",
        "If specified, adds bias to input / output projection layers."),
    "nn.module-add-module-dot": ("generated/torch.nn.Module.html#torch.nn.Module.add_module",
        "Add a child module to the current module."),
    "nn.module-add-module-dot-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.add_module",
        "Add a child module to the current module."),
    "nn.module-add-module-not-module": ("generated/torch.nn.Module.html#torch.nn.Module.add_module",
        "Add a child module to the current module."),
    "nn.module-add-module-not-module-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.add_module",
        "Add a child module to the current module."),
    "nn.module-apply-order": ("generated/torch.nn.Module.html#torch.nn.Module.apply",
        "Apply fn recursively to every submodule (as returned by .children()) as well as self."),
    "nn.module-buffers-count": ("generated/torch.nn.Module.html#torch.nn.Module.buffers",
        "Return an iterator over module buffers."),
    "nn.module-children-types": ("generated/torch.nn.Module.html#torch.nn.Module.children",
        "Return an iterator over immediate children modules."),
    "nn.module-double": ("generated/torch.nn.Module.html#torch.nn.Module.double",
        "Casts all floating point parameters and buffers to double datatype."),
    "nn.module-eval-recurses": ("generated/torch.nn.Module.html#torch.nn.Module.eval",
        "Set the module in evaluation mode."),
    "nn.module-float-after-double": ("generated/torch.nn.Module.html#torch.nn.Module.float",
        "Casts all floating point parameters and buffers to float datatype."),
    "nn.module-forward-missing": ("generated/torch.nn.Module.html#torch.nn.Module.forward",
        "Define the computation performed at every call."),
    "nn.module-forward-missing-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.forward",
        "Define the computation performed at every call."),
    "nn.module-get-parameter": ("generated/torch.nn.Module.html#torch.nn.Module.get_parameter",
        "Return the parameter given by target if it exists, otherwise throw an error."),
    "nn.module-get-submodule": ("generated/torch.nn.Module.html#torch.nn.Module.get_submodule",
        "Return the submodule given by target if it exists, otherwise throw an error."),
    "nn.module-half": ("generated/torch.nn.Module.html#torch.nn.Module.half",
        "Casts all floating point parameters and buffers to half datatype."),
    "nn.module-half-runs-in-float16": ("generated/torch.nn.Module.html#torch.nn.Module.half",
        "Casts all floating point parameters and buffers to half datatype."),
    "nn.module-modules-count": ("generated/torch.nn.Module.html#torch.nn.Module.modules",
        "Return an iterator over all modules in the network."),
    "nn.module-named-buffers": ("generated/torch.nn.Module.html#torch.nn.Module.named_buffers",
        "Return an iterator over module buffers, yielding both the name of the buffer as well as the buffer itself."),
    "nn.module-named-children": ("generated/torch.nn.Module.html#torch.nn.Module.named_children",
        "Return an iterator over immediate children modules, yielding both the name of the module as well as the module itself."),
    "nn.module-named-modules": ("generated/torch.nn.Module.html#torch.nn.Module.named_modules",
        "Return an iterator over all modules in the network, yielding both the name of the module as well as the module itself."),
    "nn.module-named-parameters-keep-duplicates": ("generated/torch.nn.Module.html#torch.nn.Module.named_parameters",
        "Return an iterator over module parameters, yielding both the name of the parameter as well as the parameter itself."),
    "nn.module-named-parameters-no-recurse": ("generated/torch.nn.Module.html#torch.nn.Module.named_parameters",
        "Return an iterator over module parameters, yielding both the name of the parameter as well as the parameter itself."),
    "nn.module-named-parameters-order": ("generated/torch.nn.Module.html#torch.nn.Module.named_parameters",
        "Return an iterator over module parameters, yielding both the name of the parameter as well as the parameter itself."),
    "nn.module-named-parameters-prefix": ("generated/torch.nn.Module.html#torch.nn.Module.named_parameters",
        "Return an iterator over module parameters, yielding both the name of the parameter as well as the parameter itself."),
    "nn.module-parameters-shared-once": ("generated/torch.nn.Module.html#torch.nn.Module.parameters",
        "Return an iterator over module parameters."),
    "nn.module-register-buffer-dot": ("generated/torch.nn.Module.html#torch.nn.Module.register_buffer",
        "Add a buffer to the module."),
    "nn.module-register-buffer-dot-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.register_buffer",
        "Add a buffer to the module."),
    "nn.module-register-buffer-exists": ("generated/torch.nn.Module.html#torch.nn.Module.register_buffer",
        "Add a buffer to the module."),
    "nn.module-register-buffer-exists-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.register_buffer",
        "Add a buffer to the module."),
    "nn.module-register-parameter-none": ("generated/torch.nn.Module.html#torch.nn.Module.register_parameter",
        "Add a parameter to the module."),
    "nn.module-register-parameter-tensor": ("generated/torch.nn.Module.html#torch.nn.Module.register_parameter",
        "Add a parameter to the module."),
    "nn.module-register-parameter-tensor-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.register_parameter",
        "Add a parameter to the module."),
    "nn.module-requires-grad-off": ("generated/torch.nn.Module.html#torch.nn.Module.requires_grad_",
        "Change if autograd should record operations on parameters in this module."),
    "nn.module-shared-parameter-state-dict": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.module-to-device": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-to-dtype-buffers": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-to-integer-dtype": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-to-integer-dtype-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-to-keeps-integer-buffers": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-to-keeps-parameter-object": ("generated/torch.nn.Module.html#torch.nn.Module.to",
        "Move and/or cast the parameters and buffers."),
    "nn.module-train-false": ("generated/torch.nn.Module.html#torch.nn.Module.train",
        "Set the module in training mode."),
    "nn.module-train-non-bool": ("generated/torch.nn.Module.html#torch.nn.Module.train",
        "Set the module in training mode."),
    "nn.module-train-non-bool-message-text": ("generated/torch.nn.Module.html#torch.nn.Module.train",
        "Set the module in training mode."),
    "nn.module-train-returns-self": ("generated/torch.nn.Module.html#torch.nn.Module.train",
        "Set the module in training mode."),
    "nn.module-zero-grad-zeros": ("generated/torch.nn.Module.html#torch.nn.Module.zero_grad",
        "Reset gradients of all model parameters."),
    "nn.moduledict-keys-order": ("generated/torch.nn.ModuleDict.html#torch.nn.ModuleDict.keys",
        "Return an iterable of the ModuleDict keys."),
    "nn.moduledict-pop": ("generated/torch.nn.ModuleDict.html#torch.nn.ModuleDict.pop",
        "Remove key from the ModuleDict and return its module."),
    "nn.moduledict-update-pairs": ("generated/torch.nn.ModuleDict.html#torch.nn.ModuleDict.update",
        "Update the ModuleDict with key-value pairs from a mapping, overwriting existing keys."),
    "nn.modulelist-append": ("generated/torch.nn.ModuleList.html#torch.nn.ModuleList.append",
        "Append a given module to the end of the list."),
    "nn.modulelist-extend": ("generated/torch.nn.ModuleList.html#torch.nn.ModuleList.extend",
        "Append modules from a Python iterable to the end of the list."),
    "nn.modulelist-insert": ("generated/torch.nn.ModuleList.html#torch.nn.ModuleList.insert",
        "Insert a given module before a given index in the list."),
    "nn.pad-packed-total-length-too-small-raises": ("generated/torch.nn.utils.rnn.pad_packed_sequence.html#torch.nn.utils.rnn.pad_packed_sequence",
        "if not None, the output will be padded to have length total_length."),
    "nn.parameterlist-append": ("generated/torch.nn.ParameterList.html#torch.nn.ParameterList.append",
        "Append a given value at the end of the list."),
    "nn.parameters-to-vector": ("generated/torch.nn.utils.parameters_to_vector.html#torch.nn.utils.parameters_to_vector",
        "an iterable of Tensors that are the parameters of a model."),
    "nn.relu-inplace": ("generated/torch.nn.ReLU.html#torch.nn.ReLU",
        "can optionally do the operation in-place."),
    "nn.relu-inplace-leaf-error": ("generated/torch.nn.ReLU.html#torch.nn.ReLU",
        "can optionally do the operation in-place."),
    "nn.relu-inplace-leaf-error-message-text": ("generated/torch.nn.ReLU.html#torch.nn.ReLU",
        "can optionally do the operation in-place."),
    "nn.relu6-inplace": ("generated/torch.nn.ReLU6.html#torch.nn.ReLU6",
        "can optionally do the operation in-place."),
    "nn.rnn-dropout-inactive-in-eval": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If non-zero, introduces a Dropout layer on the outputs of each LSTM layer except the last layer, with dropout probability equal to dropout."),
    "nn.rnn-dropout-random-mask-in-training": ("generated/torch.nn.GRU.html#torch.nn.GRU",
        "If non-zero, introduces a Dropout layer on the outputs of each GRU layer except the last layer, with dropout probability equal to dropout."),
    "nn.rnn-dropout-range-raises": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If non-zero, introduces a Dropout layer on the outputs of each LSTM layer except the last layer, with dropout probability equal to dropout."),
    "nn.rnn-dropout-zeroes-between-layers-in-training": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If non-zero, introduces a Dropout layer on the outputs of each LSTM layer except the last layer, with dropout probability equal to dropout."),
    "nn.rnn-flatten-parameters-is-harmless": ("generated/torch.nn.RNNBase.html#torch.nn.RNNBase.flatten_parameters",
        "Reset parameter data pointer so that they can use faster code paths."),
    "nn.rnn-proj-size-negative-raises": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If > 0, will use LSTM with projections of corresponding size."),
    "nn.rnn-proj-size-not-smaller-raises": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If > 0, will use LSTM with projections of corresponding size."),
    "nn.sdpa-enable-gqa-repeats-kv-heads": ("generated/torch.nn.functional.scaled_dot_product_attention.html#torch.nn.functional.scaled_dot_product_attention",
        "If set to True, Grouped Query Attention (GQA) is enabled, by default it is set to False."),
    "nn.sdpa-is-causal-masks-future-keys": ("generated/torch.nn.functional.scaled_dot_product_attention.html#torch.nn.functional.scaled_dot_product_attention",
        "If set to true, the attention masking is a lower triangular matrix when the mask is a square matrix."),
    "nn.selu-inplace": ("generated/torch.nn.SELU.html#torch.nn.SELU",
        "can optionally do the operation in-place."),
    "nn.sequential-append": ("generated/torch.nn.Sequential.html#torch.nn.Sequential.append",
        "Append a given module to the end."),
    "nn.sequential-extend": ("generated/torch.nn.Sequential.html#torch.nn.Sequential.extend",
        "Extends the current Sequential container with layers from another Sequential container."),
    "nn.sequential-forward-chains": ("generated/torch.nn.Sequential.html#torch.nn.Sequential.forward",
        "Runs the forward pass."),
    "nn.sequential-insert": ("generated/torch.nn.Sequential.html#torch.nn.Sequential.insert",
        "Inserts a module into the Sequential container at the specified index."),
    "nn.sequential-pop": ("generated/torch.nn.Sequential.html#torch.nn.Sequential.pop",
        "Pop key from self."),
    "nn.softmax-dim-out-of-range": ("generated/torch.nn.functional.softmax.html#torch.nn.functional.softmax",
        "A dimension along which softmax will be computed."),
    "nn.softmax-dim-out-of-range-message-text": ("generated/torch.nn.functional.softmax.html#torch.nn.functional.softmax",
        "A dimension along which softmax will be computed."),
    "nn.state-dict-keep-vars": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.state-dict-keys-order": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.state-dict-prefix": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.state-dict-shares-storage": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.state-dict-values-detached": ("generated/torch.nn.Module.html#torch.nn.Module.state_dict",
        "Return a dictionary containing references to the whole state of the module."),
    "nn.transformer-decoder-layer-batch-first": ("generated/torch.nn.TransformerDecoderLayer.html#torch.nn.TransformerDecoderLayer",
        "If True, then the input and output tensors are provided as (batch, seq, feature)."),
    "nn.transformer-encoder-layer-batch-first": ("generated/torch.nn.TransformerEncoderLayer.html#torch.nn.TransformerEncoderLayer",
        "If True, then the input and output tensors are provided as (batch, seq, feature)."),
    "nn.transformer-encoder-layer-callable-activation": ("generated/torch.nn.TransformerEncoderLayer.html#torch.nn.TransformerEncoderLayer",
        "the activation function of the intermediate layer, can be a string (“relu” or “gelu”) or a unary callable."),
    "nn.transformer-forward": ("generated/torch.nn.Transformer.html#torch.nn.Transformer.forward",
        "Take in and process masked source/target sequences."),
    "nn.transformer-output-shape-batch-first": ("generated/torch.nn.Transformer.html#torch.nn.Transformer",
        "If True, then the input and output tensors are provided as (batch, seq, feature)."),
    "nn.transformer-unknown-activation-error": ("generated/torch.nn.TransformerEncoderLayer.html#torch.nn.TransformerEncoderLayer",
        "the activation function of the intermediate layer, can be a string (“relu” or “gelu”) or a unary callable."),
    "nn.upsample-module-bilinear-align-corners": ("generated/torch.nn.Upsample.html#torch.nn.Upsample",
        "if True, the corner pixels of the input and output tensors are aligned, and thus preserving the values at those pixels."),
    "nn.vector-to-parameters": ("generated/torch.nn.utils.vector_to_parameters.html#torch.nn.utils.vector_to_parameters",
        "an iterable of Tensors that are the parameters of a model."),
    "nn.vector-to-parameters-not-tensor": ("generated/torch.nn.utils.vector_to_parameters.html#torch.nn.utils.vector_to_parameters",
        "an iterable of Tensors that are the parameters of a model."),
    "nn.vector-to-parameters-not-tensor-message-text": ("generated/torch.nn.utils.vector_to_parameters.html#torch.nn.utils.vector_to_parameters",
        "an iterable of Tensors that are the parameters of a model."),
    "optim.adam-step-is-float-tensor": ("generated/torch.optim.Adam.html#torch.optim.Adam.step",
        "Perform a single optimization step."),
    "optim.error-rprop-etas": ("generated/torch.optim.Rprop.html#torch.optim.Rprop",
        "pair of (etaminus, etaplus), that are multiplicative increase and decrease factors (default: (0.5, 1.2))"),
    "optim.error-rprop-etas-message-text": ("generated/torch.optim.Rprop.html#torch.optim.Rprop",
        "pair of (etaminus, etaplus), that are multiplicative increase and decrease factors (default: (0.5, 1.2))"),
    "optim.step-closure-enables-grad": ("generated/torch.optim.Optimizer.step.html#torch.optim.Optimizer.step",
        "A closure that reevaluates the model and returns the loss."),
    "optim.step-pre-hook-gets-optimizer": ("generated/torch.optim.Optimizer.register_step_pre_hook.html#torch.optim.Optimizer.register_step_pre_hook",
        "The user defined hook to be registered."),
    "optim.step-returns-closure-loss": ("generated/torch.optim.Optimizer.step.html#torch.optim.Optimizer.step",
        "A closure that reevaluates the model and returns the loss."),
    "optim.step-without-closure-returns-none": ("generated/torch.optim.Optimizer.step.html#torch.optim.Optimizer.step",
        "A closure that reevaluates the model and returns the loss."),
    "optim.swa-custom-avg-fn": ("generated/torch.optim.swa_utils.AveragedModel.html#torch.optim.swa_utils.AveragedModel",
        "the averaging function used to update parameters; the function must take in the current value of the AveragedModel parameter, the current value of model parameter, and the number of models already averaged; if None, an equally weighted average is used (default: None)"),
    "optim.zero-grad-set-to-none-false": ("generated/torch.optim.Optimizer.zero_grad.html#torch.optim.Optimizer.zero_grad",
        "Instead of setting to zero, set the grads to None."),
    "serialization.mmap-load": ("generated/torch.load.html#torch.load",
        "Indicates whether the file should be mapped rather than loading all the storages into memory."),
    "serialization.mmap-needs-zip-format": ("generated/torch.load.html#torch.load",
        "Indicates whether the file should be mapped rather than loading all the storages into memory."),
    "setops.unique-sorted-inverse-counts": ("generated/torch.unique.html#torch.unique",
        "Whether to sort the unique elements in ascending order before returning as output."),
    # a sentence of the behaviour's page naming what its id names (picked by hand from keyword matches)
    "amp.error-unscale-before-scale": ("generated/torch.amp.GradScaler.unscale_.html#torch.amp.GradScaler.unscale_",
        "Divides (“unscales”) the optimizer’s gradient tensors by the scale factor."),
    "amp.error-unscale-before-scale-message-text": ("generated/torch.amp.GradScaler.unscale_.html#torch.amp.GradScaler.unscale_",
        "Divides (“unscales”) the optimizer’s gradient tensors by the scale factor."),
    "amp.growth-after-interval": ("generated/torch.amp.GradScaler.update.html#torch.amp.GradScaler.update",
        "If growth_interval unskipped iterations occurred consecutively, the scale is multiplied by growth_factor to increase it."),
    "amp.scale-nested-outputs": ("generated/torch.amp.GradScaler.scale.html#torch.amp.GradScaler.scale",
        "If this instance of GradScaler is not enabled, outputs are returned unmodified."),
    "amp.step-returns-optimizer-result": ("generated/torch.amp.GradScaler.step.html#torch.amp.GradScaler.step",
        "Invoke unscale_(optimizer) followed by parameter update, if gradients are not infs/NaN."),
    "amp.unscale-divides-grads": ("generated/torch.amp.GradScaler.unscale_.html#torch.amp.GradScaler.unscale_",
        "Divides (“unscales”) the optimizer’s gradient tensors by the scale factor."),
    "autograd.autograd-backward-function": ("generated/torch.autograd.backward.html#torch.autograd.backward",
        "If any of tensors are non-scalar (i.e. their data has more than one element) and require gradient, then the Jacobian-vector product would be computed, in this case the function additionally requires specifying grad_tensors."),
    "autograd.detach-shares-storage": ("generated/torch.Tensor.detach.html#torch.Tensor.detach",
        "Returned Tensor shares the same storage with the original one."),
    "autograd.detached-is-leaf": ("generated/torch.Tensor.detach.html#torch.Tensor.detach",
        "Returns a new Tensor, detached from the current graph."),
    "autograd.gradgradcheck-accepts-correct-gradients": ("generated/torch.autograd.gradcheck.gradgradcheck.html#torch.autograd.gradcheck.gradgradcheck",
        "This function checks that backpropagating through the gradients computed to the given grad_outputs are correct."),
    "autograd.hook-handle-remove": ("generated/torch.Tensor.register_hook.html#torch.Tensor.register_hook",
        "This function returns a handle with a method handle.remove() that removes the hook from the module."),
    "autograd.op-result-is-not-leaf": ("generated/torch.Tensor.is_leaf.html#torch.Tensor.is_leaf",
        "This means that they are not the result of an operation and so grad_fn is None."),
    "autograd.set-grad-enabled-context": ("generated/torch.set_grad_enabled.html#torch.set_grad_enabled",
        "Context-manager that sets gradient calculation on or off."),
    "autograd.set-grad-enabled-function": ("generated/torch.set_grad_enabled.html#torch.set_grad_enabled",
        "It can be used as a context-manager or as a function."),
    "contiguity.copy-of-expanded": ("generated/torch.Tensor.expand.html#torch.Tensor.expand",
        "Returns a new view of the self tensor with singleton dimensions expanded to a larger size."),
    "contiguity.reshape-views-when-possible": ("generated/torch.reshape.html#torch.reshape",
        "When possible, the returned tensor will be a view of input."),
    "conversions.python-bool": ("generated/torch.Tensor.item.html#torch.Tensor.item",
        "Returns the value of this tensor as a standard Python number."),
    "conversions.python-float": ("generated/torch.Tensor.item.html#torch.Tensor.item",
        "Returns the value of this tensor as a standard Python number."),
    "conversions.python-int": ("generated/torch.Tensor.item.html#torch.Tensor.item",
        "Returns the value of this tensor as a standard Python number."),
    "conversions.to-device-cpu": ("generated/torch.Tensor.to.html#torch.Tensor.to",
        "Performs Tensor dtype and/or device conversion."),
    "creation.full-infers-dtype-from-fill": ("generated/torch.full.html#torch.full",
        "The tensor’s dtype is inferred from fill_value."),
    "creation.randn-standard-normal": ("generated/torch.randn.html#torch.randn",
        "Returns a tensor filled with random numbers from a normal distribution with mean 0 and variance 1 (also called the standard normal distribution)."),
    "creation.tensor-scalar-is-0-dim": ("generated/torch.tensor.html#torch.tensor",
        "Can be a list, tuple, NumPy ndarray, scalar, and other types."),
    "data.batch-sampler": ("generated/torch.utils.data.BatchSampler.html#torch.utils.data.BatchSampler",
        "Wraps another sampler to yield a mini-batch of indices."),
    "data.batch-sampler-bad-arguments": ("generated/torch.utils.data.BatchSampler.html#torch.utils.data.BatchSampler",
        "Wraps another sampler to yield a mini-batch of indices."),
    "data.collate-tensors-stack": ("generated/torch.utils.data.default_collate.html#torch.utils.data.default_collate",
        "Take in a batch of data and put the elements within the batch into a tensor with an additional outer dimension - batch size."),
    "data.distributed-sampler-epochs": ("generated/torch.utils.data.distributed.DistributedSampler.html#torch.utils.data.distributed.DistributedSampler",
        "Sampler that restricts data loading to a subset of the dataset."),
    "data.distributed-sampler-shares": ("generated/torch.utils.data.distributed.DistributedSampler.html#torch.utils.data.distributed.DistributedSampler",
        "Sampler that restricts data loading to a subset of the dataset."),
    "data.random-sampler-num-samples": ("generated/torch.utils.data.RandomSampler.html#torch.utils.data.RandomSampler",
        "If with replacement, then user can specify num_samples to draw."),
    "data.random-split-fractions": ("generated/torch.utils.data.random_split.html#torch.utils.data.random_split",
        "If a list of fractions that sum up to 1 is given, the lengths will be computed automatically as floor(frac * len(dataset)) for each fraction provided."),
    "data.stack-dataset-errors": ("generated/torch.utils.data.StackDataset.html#torch.utils.data.StackDataset",
        "Dataset as a stacking of multiple datasets."),
    "data.stack-dataset-errors-message-text": ("generated/torch.utils.data.StackDataset.html#torch.utils.data.StackDataset",
        "Dataset as a stacking of multiple datasets."),
    "data.subset-indices": ("generated/torch.utils.data.Subset.html#torch.utils.data.Subset",
        "Subset of a dataset at specified indices."),
    "data.workers-get-worker-info": ("generated/torch.utils.data.get_worker_info.html#torch.utils.data.get_worker_info",
        "Returns the information about the current DataLoader iterator worker process."),
    "elementwise.add-alpha": ("generated/torch.add.html#torch.add",
        "Adds other, scaled by alpha, to input."),
    "elementwise.clamp-tensor-bounds": ("generated/torch.clamp.html#torch.clamp",
        "If min is None, there is no lower bound."),
    "elementwise.pow-negative-float-exponent": ("generated/torch.pow.html#torch.pow",
        "exponent can be either a single float number or a Tensor with the same number of elements as input."),
    "elementwise.sub-alpha": ("generated/torch.sub.html#torch.sub",
        "Subtracts other, scaled by alpha, from input."),
    "errors.clamp-without-bounds": ("generated/torch.clamp.html#torch.clamp",
        "If min is None, there is no lower bound."),
    "errors.expand-non-singleton": ("generated/torch.Tensor.expand.html#torch.Tensor.expand",
        "Returns a new view of the self tensor with singleton dimensions expanded to a larger size."),
    "errors.linspace-negative-steps": ("generated/torch.linspace.html#torch.linspace",
        "Creates a one-dimensional tensor of size steps whose values are evenly spaced from start to end, inclusive."),
    "errors.subtract-bool-from-float": ("generated/torch.sub.html#torch.sub",
        "Subtracts other, scaled by alpha, from input."),
    "errors.unsqueeze-dim-out-of-range": ("generated/torch.unsqueeze.html#torch.unsqueeze",
        "A dim value within the range [-input.dim() - 1, input.dim() + 1) can be used."),
    "function.grad-grad-outputs": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "Compute and return the sum of gradients of outputs with respect to the inputs."),
    "function.grad-several-outputs-sum": ("generated/torch.autograd.grad.html#torch.autograd.grad",
        "Compute and return the sum of gradients of outputs with respect to the inputs."),
    "grad-errors.backward-without-requires-grad": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "If the tensor is non-scalar (i.e. its data has more than one element) and requires gradient, the function additionally requires specifying a gradient."),
    "grad-errors.backward-without-requires-grad-message-text": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "If the tensor is non-scalar (i.e. its data has more than one element) and requires gradient, the function additionally requires specifying a gradient."),
    "grad-errors.non-scalar-backward-needs-gradient": ("generated/torch.Tensor.backward.html#torch.Tensor.backward",
        "If the tensor is non-scalar (i.e. its data has more than one element) and requires gradient, the function additionally requires specifying a gradient."),
    "grad.add-alpha": ("generated/torch.add.html#torch.add",
        "Adds other, scaled by alpha, to input."),
    "grad.lerp-scalar-weight": ("generated/torch.lerp.html#torch.lerp",
        "Does a linear interpolation of two tensors start (given by input) and end based on a scalar or tensor weight and returns the resulting out tensor."),
    "grad.lerp-tensor-weight": ("generated/torch.lerp.html#torch.lerp",
        "Does a linear interpolation of two tensors start (given by input) and end based on a scalar or tensor weight and returns the resulting out tensor."),
    "grad.pow-integer-exponent": ("generated/torch.pow.html#torch.pow",
        "Takes the power of each element in input with exponent and returns a tensor with the result."),
    "grad.pow-scalar-base": ("generated/torch.pow.html#torch.pow",
        "self is a scalar float value, and exponent is a tensor."),
    "grad.pow-scalar-exponent-function": ("generated/torch.pow.html#torch.pow",
        "self is a scalar float value, and exponent is a tensor."),
    "grad.pow-tensor-exponent": ("generated/torch.pow.html#torch.pow",
        "Takes the power of each element in input with exponent and returns a tensor with the result."),
    "grad.split-sizes": ("generated/torch.split.html#torch.split",
        "If split_size_or_sections is an integer type, then tensor will be split into equally sized chunks (if possible)."),
    "joining.split-by-sections": ("generated/torch.split.html#torch.split",
        "If split_size_or_sections is an integer type, then tensor will be split into equally sized chunks (if possible)."),
    "keywords.add-input-other": ("generated/torch.add.html#torch.add",
        "Adds other, scaled by alpha, to input."),
    "keywords.maximum-input-other": ("generated/torch.maximum.html#torch.maximum",
        "Computes the element-wise maximum of input and other."),
    "keywords.mean-axis-keepdims": ("generated/torch.mean.html#torch.mean",
        "If keepdim is True, the output tensor is of the same size as input except in the dimension(s) dim where it is of size 1."),
    "keywords.pow-exponent": ("generated/torch.pow.html#torch.pow",
        "Takes the power of each element in input with exponent and returns a tensor with the result."),
    "keywords.sum-axis-keepdims": ("generated/torch.sum.html#torch.sum",
        "If keepdim is True, the output tensor is of the same size as input except in the dimension(s) dim where it is of size 1."),
    "large.clamp-tensor-bounds": ("generated/torch.clamp.html#torch.clamp",
        "If min is None, there is no lower bound."),
    "large.convert-to-integer": ("generated/torch.Tensor.to.html#torch.Tensor.to",
        "According to C++ type conversion rules, converting floating point value to integer type will truncate the fractional part."),
    "large.index-put-accumulate": ("generated/torch.Tensor.index_put_.html#torch.Tensor.index_put_",
        "If accumulate is True, the elements in values are added to self."),
    "large.matmul-batched-broadcast": ("generated/torch.matmul.html#torch.matmul",
        "If the first argument is 1-dimensional, a 1 is prepended to its dimension for the purpose of the batched matrix multiply and removed after."),
    "large.matmul-both-batched": ("generated/torch.matmul.html#torch.matmul",
        "If the first argument is 1-dimensional, a 1 is prepended to its dimension for the purpose of the batched matrix multiply and removed after."),
    "large.max-argmax": ("generated/torch.max.html#torch.max",
        "And indices is the index location of each maximum value found (argmax)."),
    "linalg.bmm-batch-mismatch-raises": ("generated/torch.bmm.html#torch.bmm",
        "Performs a batch matrix-matrix product of matrices stored in input and mat2."),
    "linalg.cholesky-not-positive-definite-raises": ("generated/torch.linalg.cholesky.html#torch.linalg.cholesky",
        "Computes the Cholesky decomposition of a complex Hermitian or real symmetric positive-definite matrix."),
    "linalg.det-non-square-raises": ("generated/torch.linalg.det.html#torch.linalg.det",
        "Computes the determinant of a square matrix."),
    "linalg.eigh-eigenvalues-and-grad": ("generated/torch.linalg.eigh.html#torch.linalg.eigh",
        "Computes the eigenvalue decomposition of a complex Hermitian or real symmetric matrix."),
    "linalg.lstsq-solution": ("generated/torch.linalg.lstsq.html#torch.linalg.lstsq",
        "Computes a solution to the least squares problem of a system of linear equations."),
    "linalg.matmul-batch-dims-broadcast": ("generated/torch.matmul.html#torch.matmul",
        "The first N-2 dimensions of each argument, the batch dimensions, are broadcast (and thus must be broadcastable)."),
    "linalg.matmul-batch-not-broadcastable-raises": ("generated/torch.matmul.html#torch.matmul",
        "The first N-2 dimensions of each argument, the batch dimensions, are broadcast (and thus must be broadcastable)."),
    "linalg.matmul-batched-mismatch-raises": ("generated/torch.matmul.html#torch.matmul",
        "If the first argument is 1-dimensional, a 1 is prepended to its dimension for the purpose of the batched matrix multiply and removed after."),
    "linalg.matmul-batched-with-1d": ("generated/torch.matmul.html#torch.matmul",
        "If the first argument is 1-dimensional, a 1 is prepended to its dimension for the purpose of the batched matrix multiply and removed after."),
    "lr-scheduler.constant-bad-factor": ("generated/torch.optim.lr_scheduler.ConstantLR.html#torch.optim.lr_scheduler.ConstantLR",
        "Multiply the learning rate of each parameter group by a small constant factor."),
    "lr-scheduler.constant-bad-factor-message-text": ("generated/torch.optim.lr_scheduler.ConstantLR.html#torch.optim.lr_scheduler.ConstantLR",
        "Multiply the learning rate of each parameter group by a small constant factor."),
    "lr-scheduler.cosine-curve": ("generated/torch.optim.lr_scheduler.CosineAnnealingLR.html#torch.optim.lr_scheduler.CosineAnnealingLR",
        "Set the learning rate of each parameter group using a cosine annealing schedule."),
    "lr-scheduler.cycliclr-momentum-curve": ("generated/torch.optim.lr_scheduler.CyclicLR.html#torch.optim.lr_scheduler.CyclicLR",
        "Functionally, it defines the cycle amplitude (max_momentum - base_momentum)."),
    "lr-scheduler.onecycle-initial-lr": ("generated/torch.optim.lr_scheduler.OneCycleLR.html#torch.optim.lr_scheduler.OneCycleLR",
        "The 1cycle policy anneals the learning rate from an initial learning rate to some maximum learning rate and then from that maximum learning rate to some minimum learning rate much lower than the initial learning rate."),
    "lr-scheduler.onecycle-past-total-steps": ("generated/torch.optim.lr_scheduler.OneCycleLR.html#torch.optim.lr_scheduler.OneCycleLR",
        "You must either provide a value for total_steps or provide a value for both epochs and steps_per_epoch."),
    "lr-scheduler.onecycle-past-total-steps-message-text": ("generated/torch.optim.lr_scheduler.OneCycleLR.html#torch.optim.lr_scheduler.OneCycleLR",
        "You must either provide a value for total_steps or provide a value for both epochs and steps_per_epoch."),
    "lr-scheduler.plateau-max-mode": ("generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html#torch.optim.lr_scheduler.ReduceLROnPlateau",
        "In min mode, lr will be reduced when the quantity monitored has stopped decreasing; in max mode it will be reduced when the quantity monitored has stopped increasing."),
    "lr-scheduler.state-dict-excludes-optimizer": ("generated/torch.optim.lr_scheduler.LRScheduler.state_dict.html#torch.optim.lr_scheduler.LRScheduler.state_dict",
        "It contains an entry for every variable in self.__dict__ which is not the optimizer."),
    "lr-scheduler.step-with-epoch-uses-closed-form": ("generated/torch.optim.lr_scheduler.StepLR.html#torch.optim.lr_scheduler.StepLR",
        "Decays the learning rate of each parameter group by gamma every step_size epochs."),
    "nn.adaptive-avg-pool2d-none-keeps-size": ("generated/torch.nn.AdaptiveAvgPool2d.html#torch.nn.AdaptiveAvgPool2d",
        "H and W can be either a int, or None which means the size will be the same as that of the input."),
    "nn.adaptive-max-pool2d-value": ("generated/torch.nn.AdaptiveMaxPool2d.html#torch.nn.AdaptiveMaxPool2d",
        "Applies a 2D adaptive max pooling over an input signal composed of several input planes."),
    "nn.batch-norm-one-value-per-channel-raises": ("generated/torch.nn.functional.batch_norm.html#torch.nn.functional.batch_norm",
        "Apply Batch Normalization for each channel across a batch of data."),
    "nn.batch-norm-running-stats-update": ("generated/torch.nn.BatchNorm2d.html#torch.nn.BatchNorm2d",
        "If track_running_stats is set to False, this layer then does not keep running estimates, and batch statistics are instead used during evaluation time as well."),
    "nn.batchnorm-momentum-none-cumulative-average": ("generated/torch.nn.BatchNorm1d.html#torch.nn.BatchNorm1d",
        "Can be set to None for cumulative moving average (i.e. simple average)."),
    "nn.batchnorm-no-running-stats-uses-batch-in-eval": ("generated/torch.nn.BatchNorm2d.html#torch.nn.BatchNorm2d",
        "If track_running_stats is set to False, this layer then does not keep running estimates, and batch statistics are instead used during evaluation time as well."),
    "nn.bce-log-clamp": ("generated/torch.nn.BCELoss.html#torch.nn.BCELoss",
        "Our solution is that BCELoss clamps its log function outputs to be greater than or equal to -100."),
    "nn.clip-grad-norm-single-tensor": ("generated/torch.nn.utils.clip_grad_norm_.html#torch.nn.utils.clip_grad_norm_",
        "The norm is computed over the norms of the individual gradients of all parameters, as if the norms of the individual gradients were concatenated into a single vector."),
    "nn.conv-transpose1d-stride-output-padding": ("generated/torch.nn.ConvTranspose1d.html#torch.nn.ConvTranspose1d",
        "However, when stride > 1, Conv1d maps multiple input shapes to the same output shape. output_padding is provided to resolve this ambiguity by effectively increasing the calculated output shape on one side."),
    "nn.conv-transpose2d-stride-output-padding": ("generated/torch.nn.ConvTranspose2d.html#torch.nn.ConvTranspose2d",
        "However, when stride > 1, Conv2d maps multiple input shapes to the same output shape. output_padding is provided to resolve this ambiguity by effectively increasing the calculated output shape on one side."),
    "nn.conv1d-padding-same": ("generated/torch.nn.Conv1d.html#torch.nn.Conv1d",
        "It can be either a string {‘valid’, ‘same’} or a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.conv1d-stride-padding": ("generated/torch.nn.Conv1d.html#torch.nn.Conv1d",
        "It can be either a string {‘valid’, ‘same’} or a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.conv2d-bad-padding-string-raises": ("generated/torch.nn.Conv2d.html#torch.nn.Conv2d",
        "It can be either a string {‘valid’, ‘same’} or an int / a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.conv2d-padding-same": ("generated/torch.nn.Conv2d.html#torch.nn.Conv2d",
        "It can be either a string {‘valid’, ‘same’} or an int / a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.conv2d-padding-valid": ("generated/torch.nn.Conv2d.html#torch.nn.Conv2d",
        "It can be either a string {‘valid’, ‘same’} or an int / a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.conv2d-same-with-stride-raises": ("generated/torch.nn.Conv2d.html#torch.nn.Conv2d",
        "However, this mode doesn’t support any stride values other than 1."),
    "nn.conv2d-stride-padding": ("generated/torch.nn.Conv2d.html#torch.nn.Conv2d",
        "It can be either a string {‘valid’, ‘same’} or an int / a tuple of ints giving the amount of implicit padding applied on both sides."),
    "nn.cross-entropy-equals-log-softmax-nll": ("generated/torch.nn.CrossEntropyLoss.html#torch.nn.CrossEntropyLoss",
        "This criterion computes the cross entropy loss between input logits and target."),
    "nn.cross-entropy-kdim-target-shape": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.cross-entropy-kdim-target-shape-message-text": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.cross-entropy-module": ("generated/torch.nn.CrossEntropyLoss.html#torch.nn.CrossEntropyLoss",
        "This criterion computes the cross entropy loss between input logits and target."),
    "nn.cross-entropy-negative-target": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.cross-entropy-negative-target-message-text": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.cross-entropy-target-dtype": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.cross-entropy-target-dtype-message-text": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "nn.dropout-p-one-zeroes-everything": ("generated/torch.nn.functional.dropout.html#torch.nn.functional.dropout",
        "During training, randomly zeroes some elements of the input tensor with probability p."),
    "nn.dropout-probability-range-raises": ("generated/torch.nn.functional.dropout.html#torch.nn.functional.dropout",
        "During training, randomly zeroes some elements of the input tensor with probability p."),
    "nn.dropout-zeroes-and-rescales": ("generated/torch.nn.functional.dropout.html#torch.nn.functional.dropout",
        "During training, randomly zeroes some elements of the input tensor with probability p."),
    "nn.embedding-looks-up-rows": ("generated/torch.nn.functional.embedding.html#torch.nn.functional.embedding",
        "Generate a simple lookup table that looks up embeddings in a fixed dictionary and size."),
    "nn.instancenorm2d-running-stats": ("generated/torch.nn.InstanceNorm2d.html#torch.nn.InstanceNorm2d",
        "If track_running_stats is set to True, during training this layer keeps running estimates of its computed mean and variance, which are then used for normalization during evaluation."),
    "nn.interpolate-bicubic": ("generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate",
        "This only has an effect when mode is ‘linear’, ‘bilinear’, ‘bicubic’ or ‘trilinear’."),
    "nn.interpolate-bicubic-needs-4d": ("generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate",
        "This only has an effect when mode is ‘linear’, ‘bilinear’, ‘bicubic’ or ‘trilinear’."),
    "nn.interpolate-bilinear": ("generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate",
        "This only has an effect when mode is ‘linear’, ‘bilinear’, ‘bicubic’ or ‘trilinear’."),
    "nn.interpolate-linear": ("generated/torch.nn.functional.interpolate.html#torch.nn.functional.interpolate",
        "This only has an effect when mode is ‘linear’, ‘bilinear’, ‘bicubic’ or ‘trilinear’."),
    "nn.max-pool2d-pad-over-half-kernel-raises": ("generated/torch.nn.MaxPool2d.html#torch.nn.MaxPool2d",
        "Applies a 2D max pooling over an input signal composed of several input planes."),
    "nn.module-assign-tensor-to-parameter": ("generated/torch.nn.Module.html#torch.nn.Module",
        "Submodules assigned in this way will be registered, and will also have their parameters converted when you call to(), etc."),
    "nn.module-assign-tensor-to-parameter-message-text": ("generated/torch.nn.Module.html#torch.nn.Module",
        "Submodules assigned in this way will be registered, and will also have their parameters converted when you call to(), etc."),
    "nn.module-getattr-parameter": ("generated/torch.nn.Module.html#torch.nn.Module",
        "Submodules assigned in this way will be registered, and will also have their parameters converted when you call to(), etc."),
    "nn.module-tensor-attribute-not-registered": ("generated/torch.nn.Module.html#torch.nn.Module",
        "Submodules assigned in this way will be registered, and will also have their parameters converted when you call to(), etc."),
    "nn.moduledict-contains": ("generated/torch.nn.ModuleDict.html#torch.nn.ModuleDict",
        "ModuleDict can be indexed like a regular Python dictionary, but modules it contains are properly registered, and will be visible by all Module methods."),
    "nn.modulelist-params-registered": ("generated/torch.nn.ModuleList.html#torch.nn.ModuleList",
        "ModuleList can be indexed like a regular Python list, but modules it contains are properly registered, and will be visible by all Module methods."),
    "nn.pack-padded-lengths-count-raises": ("generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence",
        "Packs a Tensor containing padded sequences of variable length."),
    "nn.pack-padded-sequence-sorted": ("generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence",
        "If False, the input will get sorted unconditionally."),
    "nn.pack-padded-unsorted-lengths-raises": ("generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence",
        "Packs a Tensor containing padded sequences of variable length."),
    "nn.pack-padded-zero-length-raises": ("generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence",
        "Packs a Tensor containing padded sequences of variable length."),
    "nn.pack-padded-zero-length-raises-message-text": ("generated/torch.nn.utils.rnn.pack_padded_sequence.html#torch.nn.utils.rnn.pack_padded_sequence",
        "Packs a Tensor containing padded sequences of variable length."),
    "nn.packed-sequence-is-a-namedtuple": ("generated/torch.nn.utils.rnn.PackedSequence.html#torch.nn.utils.rnn.PackedSequence",
        "Holds the data and list of batch_sizes of a packed sequence."),
    "nn.pad-circular": ("generated/torch.nn.functional.pad.html#torch.nn.functional.pad",
        "Circular, replicate and reflection padding are implemented for padding the last 3 dimensions of a 4D or 5D input tensor, the last 2 dimensions of a 3D or 4D input tensor, or the last dimension of a 2D or 3D input tensor."),
    "nn.pad-constant": ("generated/torch.nn.functional.pad.html#torch.nn.functional.pad",
        "Constant padding is implemented for arbitrary dimensions."),
    "nn.pad-replicate": ("generated/torch.nn.functional.pad.html#torch.nn.functional.pad",
        "Circular, replicate and reflection padding are implemented for padding the last 3 dimensions of a 4D or 5D input tensor, the last 2 dimensions of a 3D or 4D input tensor, or the last dimension of a 2D or 3D input tensor."),
    "nn.pad-sequence-padding-side-raises": ("generated/torch.nn.utils.rnn.pad_sequence.html#torch.nn.utils.rnn.pad_sequence",
        "Pad a list of variable length Tensors with padding_value."),
    "nn.pad-sequence-trailing-shape-mismatch-raises": ("generated/torch.nn.utils.rnn.pad_sequence.html#torch.nn.utils.rnn.pad_sequence",
        "This function assumes trailing dimensions and type of all the Tensors in sequences are same."),
    "nn.parameterdict-contains": ("generated/torch.nn.ParameterDict.html#torch.nn.ParameterDict",
        "ParameterDict can be indexed like a regular Python dictionary, but Parameters it contains are properly registered, and will be visible by all Module methods."),
    "nn.parameterdict-named-parameters": ("generated/torch.nn.ParameterDict.html#torch.nn.ParameterDict",
        "ParameterDict can be indexed like a regular Python dictionary, but Parameters it contains are properly registered, and will be visible by all Module methods."),
    "nn.parameterlist-registered": ("generated/torch.nn.ParameterList.html#torch.nn.ParameterList",
        "ParameterList can be used like a regular Python list, but Tensors that are Parameter are properly registered, and will be visible by all Module methods."),
    "nn.prelu-channel-mismatch": ("generated/torch.nn.PReLU.html#torch.nn.PReLU",
        "When called without arguments, nn.PReLU() uses a single parameter a across all input channels."),
    "nn.prelu-channel-mismatch-message-text": ("generated/torch.nn.PReLU.html#torch.nn.PReLU",
        "When called without arguments, nn.PReLU() uses a single parameter a across all input channels."),
    "nn.rnn-packed-equals-each-sequence-gru": ("generated/torch.nn.GRU.html#torch.nn.GRU",
        "Apply a multi-layer gated recurrent unit (GRU) RNN to an input sequence."),
    "nn.rnn-packed-equals-each-sequence-lstm": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If a torch.nn.utils.rnn.PackedSequence has been given as the input, the output will also be a packed sequence."),
    "nn.rnn-packed-equals-each-sequence-rnn-tanh": ("generated/torch.nn.RNN.html#torch.nn.RNN",
        "The input can also be a packed variable length sequence."),
    "nn.rnn-packed-final-state-at-each-length": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "The input can also be a packed variable length sequence."),
    "nn.rnn-packed-gradients-gru": ("generated/torch.nn.GRU.html#torch.nn.GRU",
        "The input can also be a packed variable length sequence."),
    "nn.rnn-packed-gradients-lstm": ("generated/torch.nn.LSTM.html#torch.nn.LSTM",
        "If a torch.nn.utils.rnn.PackedSequence has been given as the input, the output will also be a packed sequence."),
    "nn.rnn-packed-gradients-rnn-tanh": ("generated/torch.nn.RNN.html#torch.nn.RNN",
        "The input can also be a packed variable length sequence."),
    "nn.rnn-zero-layers-raises": ("generated/torch.nn.GRU.html#torch.nn.GRU",
        "Apply a multi-layer gated recurrent unit (GRU) RNN to an input sequence."),
    "nn.sdpa-bool-mask-true-attends": ("generated/torch.nn.functional.scaled_dot_product_attention.html#torch.nn.functional.scaled_dot_product_attention",
        "A boolean mask where a value of True indicates that the element should take part in attention."),
    "nn.sequential-ordereddict-keys": ("generated/torch.nn.Sequential.html#torch.nn.Sequential",
        "Alternatively, an OrderedDict of modules can be passed in."),
    "nn.transformer-decoder-stack": ("generated/torch.nn.TransformerDecoder.html#torch.nn.TransformerDecoder",
        "TransformerDecoder is a stack of N decoder layers."),
    "nn.transformer-encoder-stack": ("generated/torch.nn.TransformerEncoder.html#torch.nn.TransformerEncoder",
        "TransformerEncoder is a stack of N encoder layers."),
    "nn.transformer-encoder-stack-state-dict-keys": ("generated/torch.nn.TransformerEncoder.html#torch.nn.TransformerEncoder",
        "TransformerEncoder is a stack of N encoder layers."),
    "nn.transformer-stack-layers-are-independent-copies": ("generated/torch.nn.TransformerEncoder.html#torch.nn.TransformerEncoder",
        "TransformerEncoder is a stack of N encoder layers."),
    "nn.triplet-margin-loss": ("generated/torch.nn.TripletMarginLoss.html#torch.nn.TripletMarginLoss",
        "Creates a criterion that measures the triplet loss given an input tensors x1, x2, x3 and a margin with a value greater than 0."),
    "nn.unfold-sliding-blocks": ("generated/torch.nn.functional.unfold.html#torch.nn.functional.unfold",
        "Extract sliding local blocks from a batched input tensor."),
    "nn.upsample-module-bicubic": ("generated/torch.nn.Upsample.html#torch.nn.Upsample",
        "The algorithms available for upsampling are nearest neighbor and linear, bilinear, bicubic and trilinear for 3D, 4D and 5D input Tensor, respectively."),
    "nn.upsample-module-nearest": ("generated/torch.nn.Upsample.html#torch.nn.Upsample",
        "The algorithms available for upsampling are nearest neighbor and linear, bilinear, bicubic and trilinear for 3D, 4D and 5D input Tensor, respectively."),
    "nn.upsample-repr-bicubic": ("generated/torch.nn.Upsample.html#torch.nn.Upsample",
        "The algorithms available for upsampling are nearest neighbor and linear, bilinear, bicubic and trilinear for 3D, 4D and 5D input Tensor, respectively."),
    "numpy.detach-then-numpy": ("generated/torch.Tensor.numpy.html#torch.Tensor.numpy",
        "If force is True this is equivalent to calling t.detach().cpu().resolve_conj().resolve_neg().numpy()."),
    "numpy.numpy-of-requires-grad-raises": ("generated/torch.Tensor.numpy.html#torch.Tensor.numpy",
        "If force is False (the default), the conversion is performed only if the tensor is on the CPU, does not require grad, does not have its conjugate bit set, and is a dtype and layout that NumPy supports."),
    "optim.adamw-decays-parameter-not-gradient": ("generated/torch.optim.AdamW.html#torch.optim.AdamW",
        "Implements AdamW algorithm, where weight decay does not accumulate in the momentum nor variance."),
    "optim.adamw-default-weight-decay": ("generated/torch.optim.AdamW.html#torch.optim.AdamW",
        "Implements AdamW algorithm, where weight decay does not accumulate in the momentum nor variance."),
    "optim.error-negative-momentum": ("generated/torch.optim.SGD.html#torch.optim.SGD",
        "Implements stochastic gradient descent (optionally with momentum)."),
    "optim.error-negative-momentum-message-text": ("generated/torch.optim.SGD.html#torch.optim.SGD",
        "Implements stochastic gradient descent (optionally with momentum)."),
    "optim.error-param-in-two-groups": ("generated/torch.optim.Optimizer.add_param_group.html#torch.optim.Optimizer.add_param_group",
        "Add a param group to the Optimizer s param_groups."),
    "optim.error-param-in-two-groups-message-text": ("generated/torch.optim.Optimizer.add_param_group.html#torch.optim.Optimizer.add_param_group",
        "Add a param group to the Optimizer s param_groups."),
    "optim.error-params-as-set": ("generated/torch.optim.Optimizer.add_param_group.html#torch.optim.Optimizer.add_param_group",
        "Add a param group to the Optimizer s param_groups."),
    "optim.error-params-as-set-message-text": ("generated/torch.optim.Optimizer.add_param_group.html#torch.optim.Optimizer.add_param_group",
        "Add a param group to the Optimizer s param_groups."),
    "optim.sgd-first-momentum-step-undampened": ("generated/torch.optim.SGD.html#torch.optim.SGD",
        "Moreover, the initial value of the momentum buffer is set to the gradient value at the first step."),
    "optim.sgd-second-momentum-step-dampened": ("generated/torch.optim.SGD.html#torch.optim.SGD",
        "Moreover, the initial value of the momentum buffer is set to the gradient value at the first step."),
    "optim.state-dict-indices-across-groups": ("generated/torch.optim.Optimizer.state_dict.html#torch.optim.Optimizer.state_dict",
        "NOTE: The parameter IDs may look like indices but they are just IDs associating state with param_group."),
    "optim.step-hooks-order": ("generated/torch.optim.Optimizer.register_step_pre_hook.html#torch.optim.Optimizer.register_step_pre_hook",
        "Register an optimizer step pre hook which will be called before optimizer step."),
    "optim.swa-buffers-averaged": ("generated/torch.optim.swa_utils.AveragedModel.html#torch.optim.swa_utils.AveragedModel",
        "Implements averaged model for Stochastic Weight Averaging (SWA) and Exponential Moving Average (EMA)."),
    "optim.swa-n-averaged-buffer": ("generated/torch.optim.swa_utils.AveragedModel.html#torch.optim.swa_utils.AveragedModel",
        "Implements averaged model for Stochastic Weight Averaging (SWA) and Exponential Moving Average (EMA)."),
    "optim.swa-running-mean": ("generated/torch.optim.swa_utils.AveragedModel.html#torch.optim.swa_utils.AveragedModel",
        "AveragedModel class creates a copy of the provided module model on the device device and allows to compute running averages of the parameters of the model."),
    "overflow.cross-entropy-large-logits": ("generated/torch.nn.functional.cross_entropy.html#torch.nn.functional.cross_entropy",
        "Compute the cross entropy loss between input logits and target."),
    "reductions.empty-any-is-false": ("generated/torch.any.html#torch.any",
        "For each row of input in the given dimension dim, returns True if any element in the row evaluate to True and False otherwise."),
    "reductions.max-dim-values-indices": ("generated/torch.max.html#torch.max",
        "Returns a namedtuple (values, indices) where values is the maximum value of each row of the input tensor in the given dimension dim."),
    "reductions.min-dim-values-indices": ("generated/torch.min.html#torch.min",
        "Returns a namedtuple (values, indices) where values is the minimum value of each row of the input tensor in the given dimension dim."),
    "reductions.sum-over-empty-dim": ("generated/torch.sum.html#torch.sum",
        "If dim is a list of dimensions, reduce over all of them."),
    "serialization.map-location-forms": ("generated/torch.load.html#torch.load",
        "However, storages can be dynamically remapped to an alternative set of devices using the map_location argument."),
    "serialization.path-and-file-objects": ("generated/torch.save.html#torch.save",
        "Saves an object to a disk file."),
    "tensor.from-tuple": ("generated/torch.tensor.html#torch.tensor",
        "Can be a list, tuple, NumPy ndarray, scalar, and other types."),
    "views.detach-shares-storage": ("generated/torch.Tensor.detach.html#torch.Tensor.detach",
        "Returned Tensor shares the same storage with the original one."),
    "views.expand-stride-zero": ("generated/torch.Tensor.expand.html#torch.Tensor.expand",
        "Expanding a tensor does not allocate new memory, but only creates a new view on the existing tensor where a dimension of size one is expanded to a larger size by setting the stride to 0."),
    "views.squeeze-dim-only-if-size-one": ("generated/torch.squeeze.html#torch.squeeze",
        "When dim is given, a squeeze operation is done only in the given dimension(s)."),
    "views.view-reshapes": ("generated/torch.Tensor.view.html#torch.Tensor.view",
        "When it is unclear whether a view() can be performed, it is advisable to use reshape(), which returns a view if the shapes are compatible, and copies (equivalent to calling contiguous()) otherwise."),
}

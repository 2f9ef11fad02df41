<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../app/views/help.py" line="+93"/>
        <source>About KooGallery Seller Console</source>
        <translation>关于 KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;KooGallery Seller Console %1&lt;/h3&gt;&lt;p&gt;The desktop console for sellers and partners on Huawei Cloud KooGallery: a local cache of orders, service supervision, customer demands and settlement, synced from the marketplace.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;KooGallery 卖家控制台 %1&lt;/h3&gt;&lt;p&gt;华为云云商店卖家与客户服务商的桌面控制台：从云商店同步订单、服务监管、客户需求和结算数据，保存在本地缓存中。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/views/app.py" line="+171"/>
        <source>the console is already open; its window was brought to the front</source>
        <extracomment>The CJK font the invoice PDFs embed; the window falls back on it for glyphs the system lacks.</extracomment>
        <translation>控制台已经打开，已将其窗口切换到前台</translation>
    </message>
</context>
<context>
    <name>AppealDialog</name>
    <message>
        <location filename="../../app/views/supervision/dialogs.py" line="+168"/>
        <source>Appeal to the Platform (发起申诉)</source>
        <translation>向平台申诉（发起申诉）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Other reasons</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The buyer never confirmed acceptance</source>
        <translation>用户一直未确认验收</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申诉介入处理承诺函 (.docx or .pdf)</source>
        <translation>申诉介入处理承诺函（.docx 或 .pdf）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>交付凭证: the signed acceptance document or other proof of delivery</source>
        <translation>交付凭证：已签字的验收文档或其他交付证明</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason (申诉原因, required)</source>
        <translation>申诉原因（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grounds</source>
        <translation>申诉理由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evidence (drop files here)</source>
        <translation>凭证附件（可拖放文件到此处）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The task is frozen while the platform handles the appeal (usually within 3 working days).</source>
        <translation>平台处理申诉期间服务监管流程冻结（通常 3 个工作日内处理）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queue Appeal</source>
        <translation>加入待发送：申诉</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Commitment letter (required)</source>
        <translation>承诺函（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment letter</source>
        <translation>承诺函</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery proof (required)</source>
        <translation>交付凭证（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery proof</source>
        <translation>交付凭证</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery Proof</source>
        <translation>交付凭证</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commitment Letter</source>
        <translation>承诺函</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents (*.docx *.doc *.pdf)</source>
        <translation>文档 (*.docx *.doc *.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evidence</source>
        <translation>凭证附件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enter the reason for the appeal (申诉原因).</source>
        <translation>请填写申诉原因。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Appealing because the buyer never confirmed acceptance needs the delivery proof (交付凭证) attached.</source>
        <translation>因买家一直未确认验收而申诉时，必须附上交付凭证。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appealing because the buyer never confirmed acceptance needs the 申诉介入处理承诺函 (commitment letter) attached.</source>
        <translation>因用户未确认验收而申诉时，必须附上《申诉介入处理承诺函》。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The delivery proof %1 cannot be found.</source>
        <translation>找不到交付凭证 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The commitment letter %1 cannot be found.</source>
        <translation>找不到承诺函 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These files cannot be found: %1</source>
        <translation>找不到以下文件：%1</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../app/views/banner.py" line="+189"/>
        <source>Hide Details</source>
        <translation>隐藏详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>BillLinesModel</name>
    <message>
        <location filename="../../app/views/finance/lines_model.py" line="+27"/>
        <source>rate unknown</source>
        <translation>费率未知</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No rate is known for this product class; the settlement rules name none.</source>
        <translation>该商品类别没有已知费率;结算规则中未配置。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate %1 (%2), fee %3, voucher deduction %4</source>
        <translation>费率 %1(%2),平台费 %3,代金券扣减 %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>; uses an unconfirmed rule</source>
        <translation>;使用了未确认的规则</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(%1 − VAT %2 − customer WHT %3 − DST %4) × (1 − %5) − seller WHT %6 − DST %7</source>
        <translation>(%1 − 增值税 %2 − 客户预提税 %3 − 数字服务税 %4) × (1 − %5) − 商家预提税 %6 − 数字服务税 %7</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>交易金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Voucher</source>
        <translation>代金券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rate</source>
        <translation>费率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WHT/DST</source>
        <translation>预提税/数字服务税</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Billed settlement</source>
        <translation>账单结算金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Expected</source>
        <translation>应结算金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Effective</source>
        <translation>生效时间</translation>
    </message>
</context>
<context>
    <name>BillingCheck</name>
    <message>
        <location filename="../../app/cli/check_words.py" line="+39"/>
        <source>商业信息认证 is complete.</source>
        <extracomment>``translate(context, source_text)`` of the front end that shows the words.</extracomment>
        <translation>商业信息认证已完成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商业信息认证 is not complete: no bill is issued until it is (bank account and tax rate come from it).</source>
        <translation>商业信息认证未完成:完成前不会出账(银行账户和税率来自该认证)。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Whether 商业信息认证 is complete is not known to the console; check it in the seller console (商家信息).</source>
        <translation>控制台不知道商业信息认证是否完成;请在卖家中心(商家信息)中查看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order was cancelled before payment: it is never billed.</source>
        <translation>订单在支付前已取消:不会出账。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order is not paid. Paid (and effective) before {deadline} end of day, it is billed in the run of {run}.</source>
        <translation>订单未支付。若在 {deadline} 当天结束前支付(并生效),将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer paid on credit and has not repaid (未还款). Repaid before the end of {period}, it is billed in the run of {run}.</source>
        <translation>客户为后付费且未还款(未还款)。若在 {period} 结束前还款,将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid on credit and repaid (已还款).</source>
        <translation>后付费,已还款。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order is paid.</source>
        <translation>订单已支付。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order involves no service supervision (不涉及).</source>
        <translation>订单不涉及服务监管。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service supervision is completed (已完成).</source>
        <translation>服务监管已完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The supervision status {status} is not one the console knows.</source>
        <translation>控制台不认识服务监管状态 {status}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service supervision is frozen by an open appeal (申诉). If the appeal closes and supervision completes before the end of {period}, the order is billed in the run of {run}.</source>
        <translation>服务监管因申诉处理中而冻结。若申诉结束且服务监管在 {period} 结束前完成,订单将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service supervision is still open (处理中): an order is billed the month after supervision completes. If it completes by {deadline} (Beijing), it is billed in the run of {run}.</source>
        <translation>服务监管仍在处理中:订单在服务监管完成的次月出账。若在 {deadline}(北京时间)前完成,将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order takes effect when supervision completes.</source>
        <translation>订单在服务监管完成时生效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order has not taken effect (no effective time yet). Effective before the end of {period}, it is billed in the run of {run}.</source>
        <translation>订单尚未生效(还没有生效时间)。若在 {period} 结束前生效,将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order takes effect on {effective} (a renewal bills from its effective date): it is billed in the run of {run}.</source>
        <translation>订单于 {effective} 生效(续费订单按生效日期出账):将在 {run} 出账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order has taken effect.</source>
        <translation>订单已生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {minimum} accumulation rule does not apply to the role {role}.</source>
        <translation>{minimum} 元累计规则不适用于角色 {role}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The accumulated unbilled amount of this product type is not known.</source>
        <translation>该商品类型的累计未出账金额未知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unbilled {product_class} amounts add up to {accumulated}, at least {minimum}.</source>
        <translation>{product_class} 未出账金额累计 {accumulated},不低于 {minimum}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unbilled {product_class} amounts add up to {accumulated}, below {minimum}: the bill is issued once they reach it.</source>
        <translation>{product_class} 未出账金额累计 {accumulated},低于 {minimum}:达到后才会出账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is in {order_currency} but its bill lines are in {bill_currency}.</source>
        <translation>订单 {order} 的币种为 {order_currency},但其账单行为 {bill_currency}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} amounts to {expected} {currency}, its bill lines to {amount} (difference {difference}).</source>
        <translation>订单 {order} 金额为 {expected} {currency},其账单行合计 {amount}(差额 {difference})。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill line {line} of order {order} settles at {amount}; the rules expect {expected} (rate {rate}).</source>
        <translation>订单 {order} 的账单行 {line} 结算金额为 {amount};按规则应为 {expected}(费率 {rate})。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill line {line} of order {order} settles at {amount}; the 中资出海 formula (§5.4) expects {expected}: sales less VAT {vat} and the customer&apos;s WHT/DST is {base}, less the fee at rate {rate}, the voucher share and the seller&apos;s WHT/DST (taxes {taxes} in all).</source>
        <translation>订单 {order} 的账单行 {line} 结算金额为 {amount}；按中资出海公式（§5.4）应为 {expected}：销售额扣除增值税 {vat} 及客户预提税/数字服务税后为 {base}，再扣除费率 {rate} 的平台服务费、代金券分摊及商家预提税/数字服务税（税额合计 {taxes}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bill {bill} waits for the seller&apos;s invoice (待开票) but its invoice notice (开票通知) is not in the cache: sync invoice notices.</source>
        <translation>账单 {bill} 待开票,但缓存中没有它的开票通知:请同步开票通知。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill {bill} waits for the seller&apos;s invoice (待开票) and no invoice draft was made for notice {notice}.</source>
        <translation>账单 {bill} 待开票,且尚未为开票通知 {notice} 制作发票草稿。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill {bill} is still in 发票待审核 although Huawei signed for its invoice on {since}: Huawei verifies invoices within {days} working days of signing for them. Ask Huawei&apos;s invoice mailbox with the invoice no., courier no. and 申付单号.</source>
        <translation>账单 {bill} 仍处于发票待审核，而华为已于 {since} 签收其发票：华为在签收发票后 {days} 个工作日内完成审核。请携发票号、快递单号和申付单号咨询华为发票邮箱。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bill {bill} is still in 待开票 although Huawei signed for its invoice on {since}: Huawei verifies invoices within {days} working days of signing for them. Ask Huawei&apos;s invoice mailbox with the invoice no., courier no. and 申付单号.</source>
        <translation>账单 {bill} 仍处于待开票，而华为已于 {since} 签收其发票：华为在签收发票后 {days} 个工作日内完成审核。请携发票号、快递单号和申付单号咨询华为发票邮箱。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bill {bill} is still in 发票待审核 since {since}; Huawei signed for its invoice on or before that day (the signed-for date is not known) and verifies invoices within {days} working days of signing for them. Ask Huawei&apos;s invoice mailbox with the invoice no., courier no. and 申付单号.</source>
        <translation>账单 {bill} 自 {since} 起仍处于发票待审核；华为在当天或之前签收了其发票（签收日期未知），并在签收后 {days} 个工作日内完成审核。请携发票号、快递单号和申付单号咨询华为发票邮箱。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Line {line} (order {order}) of partner bill {bill} settles at {amount}; 订单现金消费 {cash} × 分成比例 {ratio} is {expected}.</source>
        <translation>客户服务商账单 {bill} 的第 {line} 行（订单 {order}）结算金额为 {amount}；订单现金消费 {cash} × 分成比例 {ratio} 为 {expected}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner bill {bill} amounts to {amount}; its lines (refunds {refunds} included) add up to {expected}.</source>
        <translation>客户服务商账单 {bill} 金额为 {amount}；其各行（含退订 {refunds}）合计为 {expected}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Billed in {bills} (period {periods}).</source>
        <translation>已在 {bills} 出账(期次 {periods})。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order amount is 0 (a trial, for example): nothing to bill.</source>
        <translation>订单金额为 0(例如试用):无需出账。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected in the run of {run} for period {period}.</source>
        <translation>预计在 {run} 的出账中(期次 {period})。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected in the run of {run} for period {period}, but no bill in the cache holds it: sync the bills, then ask Huawei with a service ticket.</source>
        <translation>本应在 {run} 的出账中(期次 {period}),但缓存中没有包含它的账单:请先同步账单,再向华为提交工单咨询。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(If the unknown checks hold: %1.)</source>
        <translation>(前提是未知的检查项成立:%1。)</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <location filename="../../app/views/finance/bills_model.py" line="+27"/>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales</source>
        <translation>销售金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>结算金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requisition no.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Created</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice signed for</source>
        <translation>发票签收时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Entity</source>
        <translation>结算主体</translation>
    </message>
</context>
<context>
    <name>BillsView</name>
    <message>
        <location filename="../../app/views/area_registry.py" line="+420"/>
        <location filename="../../app/views/finance/view.py" line="+200"/>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location filename="../../app/views/finance/view.py" line="+3"/>
        <source>Bills and settlement</source>
        <translation>账单与结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period:</source>
        <translation>期次:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why not billed?</source>
        <translation>为什么未出账?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill-run checks for the chosen line&apos;s order, each with its date</source>
        <translation>所选账单行对应订单的出账检查及各项日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open order</source>
        <translation>打开订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the reconciliation again over the cache</source>
        <translation>对本地缓存重新运行对账检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search order, bill or reason</source>
        <translation>搜索订单、账单或原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>All periods</source>
        <translation>全部期次</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+39"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not read the bills: %1</source>
        <translation>无法读取账单:%1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The expected settlement of %1 line(s) uses values KooGallery&apos;s published rules do not confirm (%2); check them against your agreement and correct the profile&apos;s settlement rules file if they differ.</source>
        <translation>共 %1 个账单行的预期结算使用了云商店公开规则尚未确认的取值(%2);请对照您的协议核对,如有出入请修改该配置的结算规则文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything flagged (%1)</source>
        <translation>全部待处理项(%1)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Checking: %1… %2 flagged so far</source>
        <translation>正在检查:%1… 已发现 %2 项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 flagged as of %2</source>
        <translation>截至 %2 共 %1 项待处理</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled; the list shows the previous check.</source>
        <translation>已取消;列表显示上一次检查的结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reconciliation failed: %1</source>
        <translation>对账检查失败:%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>CacheFailure</name>
    <message>
        <location filename="../../app/views/common/failures.py" line="+184"/>
        <source>The local cache (%1) is locked by another program (another console, a sync or a backup). Nothing was changed; close the other program or wait, then try again.</source>
        <translation>本地缓存（%1）被其他程序锁定（另一个控制台、同步或备份）。未做任何更改；请关闭该程序或稍候，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The local cache (%1) or its folder cannot be written by this user (was a sync run as another user, e.g. with sudo?). Nothing was changed; give the file back to your user or make it writable, then try again.</source>
        <translation>当前用户无法写入本地缓存（%1）或其所在文件夹（是否曾以其他用户身份运行同步，例如使用 sudo？）。未做任何更改；请将该文件的所有权交还给您的用户或使其可写，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk holding the local cache (%1) is full. Nothing was lost; free some space, then try again.</source>
        <translation>存放本地缓存的磁盘已满（%1）。没有丢失任何内容；请释放一些空间后重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cache server at %1 cannot be reached or refused the login. Nothing was changed; check that the PostgreSQL server is running and the profile&apos;s database address, then try again.</source>
        <translation>无法连接位于 %1 的缓存服务器，或其拒绝了登录。未做任何更改；请检查 PostgreSQL 服务器是否在运行以及配置中的数据库地址，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The local cache (%1) is damaged. It was left untouched. Starting a fresh cache first saves everything you made (queued actions and their files, invoice drafts, the company profile, imports, the journal) and brings it into the new cache.</source>
        <translation>本地缓存（%1）已损坏，已保持原样未做改动。新建缓存时会先保存您创建的全部内容（待发送的操作及其文件、发票草稿、公司信息、导入记录、操作日志），并将其带入新的缓存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This cache was written by a newer version of the console. Update the console to open it; the cache was not changed.</source>
        <translation>此缓存由更新版本的控制台写入。请升级控制台后再打开；缓存未被更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The local cache could not be opened: %1</source>
        <translation>无法打开本地缓存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Some rows could not be read from the local cache (%1). The cache may be damaged: close the console and open it again to check it; what you made can be rescued into a fresh cache.</source>
        <translation>部分行无法从本地缓存读取（%1）。缓存可能已损坏：请关闭控制台后重新打开以进行检查；您创建的内容可以救回到新的缓存中。</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../app/views/charts/builders.py" line="+81"/>
        <source>(order not cached)</source>
        <extracomment>Axis numbers are grouped by thousands, as every amount in the console is (:mod:`app.views.common.formats`: ``1,234,567``), in every interface language.</extracomment>
        <translation>(订单未缓存)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no demand decided yet</source>
        <translation>暂无已结束的需求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1% converted</source>
        <translation>转化率 %1%</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <location filename="../../app/views/area_registry.py" line="+17"/>
        <location filename="../../app/views/charts/view.py" line="+114"/>
        <source>Charts</source>
        <extracomment>(row, column, columns spanned): the funnel gets a whole row for the node names.</extracomment>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../app/views/charts/view.py" line="+3"/>
        <source>Currency:</source>
        <translation>币种:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The figures could not be read: %1</source>
        <translation>无法读取图表数据:%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Order amount by month</source>
        <translation>月度订单金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement by bill period</source>
        <translation>各对账期次结算金额</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Supervision tasks by node</source>
        <translation>服务监管任务(按节点)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer demands by outcome</source>
        <translation>客户需求转化情况</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice notices by bill status</source>
        <translation>开票通知(按账单状态)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1, %2: %3 (%4 rows); click to open them</source>
        <translation>%1,%2:%3(%4 条);点击查看明细</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: %2; click to open them</source>
        <translation>%1:%2;点击查看明细</translation>
    </message>
</context>
<context>
    <name>CliBills</name>
    <message>
        <location filename="../../app/cli/bills.py" line="+109"/>
        <source>no bill {ids} in this cache; sync first, or see `seller-console export bills`</source>
        <translation>此缓存中没有账单 {ids}；请先同步，或查看 `seller-console export bills`</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{n} finding(s)</source>
        <translation>{n} 项问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as the rules expect</source>
        <translation>与规则一致</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no open bill in the cache (every bill is paid, or none is synced yet)</source>
        <translation>缓存中没有未结账单（所有账单均已付款，或尚未同步账单）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>no partner bill {ids} in this cache; sync first</source>
        <translation>此缓存中没有客户服务商账单 {ids}；请先同步</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>invoice Huawei by {date}</source>
        <translation>请于 {date} 前向华为开票</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no partner bill in the cache; sync first</source>
        <translation>缓存中没有客户服务商账单；请先同步</translation>
    </message>
</context>
<context>
    <name>CliCache</name>
    <message>
        <location filename="../../app/cli/context.py" line="+77"/>
        <source>sync one first: `seller-console sync --profile {sandbox}` (the built-in sandbox), `seller-console sync --endpoint URL` (keys from {ak} / {sk}), or add a profile with `seller-console profile add NAME --endpoint URL --access-key AK`</source>
        <translation>请先同步一个：`seller-console sync --profile {sandbox}`（内置沙箱）、`seller-console sync --endpoint URL`（AK/SK 取自 {ak} / {sk}），或用 `seller-console profile add NAME --endpoint URL --access-key AK` 添加账号</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>endpoint {url}</source>
        <extracomment>the profile&apos;s name (``sandbox`` for the built-in one) ``--db`` replaced the choice&apos;s own cache.</extracomment>
        <translation>接入地址 {url}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>--db: {problem}</source>
        <translation>--db：{problem}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{problem}; see `seller-console profile list`</source>
        <translation>{problem}；请查看 `seller-console profile list`</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>which keys for {url}? set {ak} and {sk}, or use a profile</source>
        <translation>{url} 使用哪组密钥？请设置 {ak} 和 {sk}，或使用账号</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no profile or cache yet; {how}</source>
        <translation>还没有账号或本地缓存；{how}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>several caches exist ({caches}); choose one with --profile NAME or --endpoint URL</source>
        <translation>有多个本地缓存（{caches}）；请用 --profile NAME 或 --endpoint URL 选择一个</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{label} is no profile; choose one with --profile NAME</source>
        <translation>{label} 不是账号；请用 --profile NAME 选择一个</translation>
    </message>
    <message>
        <location filename="../../app/cli/cache.py" line="+45"/>
        <source>saved to {folder}: {rows} rows, {files} files</source>
        <translation>已保存到 {folder}：{rows} 行，{files} 个文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} rows could not be read from the damaged cache ({tables})</source>
        <translation>有 {n} 行无法从损坏的缓存中读取（{tables}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} queued files were missing from the file store</source>
        <translation>文件存储中缺少 {n} 个待发送的文件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the cache can be used</source>
        <translation>缓存可以使用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>nothing could be rescued: {error}</source>
        <translation>未能救回任何内容：{error}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>brought back: {added} rows ({kept} were there already), {files} files</source>
        <translation>已恢复：{added} 行（{kept} 行原已存在），{files} 个文件</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the cache is not damaged; nothing was changed</source>
        <translation>缓存没有损坏；未做任何更改</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the damaged cache was kept as {path}</source>
        <translation>损坏的缓存已保留为 {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a fresh cache holds what you made ({added} rows); sync to fetch the marketplace&apos;s records again</source>
        <translation>新的缓存已包含您创建的内容（{added} 行）；请同步以重新获取云商店的记录</translation>
    </message>
</context>
<context>
    <name>CliCompany</name>
    <message>
        <location filename="../../app/cli/company.py" line="+96"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missing: {field} (set it with `seller-console company set {option} ...`)</source>
        <translation>缺少：{field}（用 `seller-console company set {option} ...` 设置）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/cli/invoice.py" line="+255"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/invoice.py" line="+1"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the image could not be read: {error}</source>
        <translation>无法读取图片：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the image is larger than 4 MB; use a smaller scan</source>
        <translation>图片大于 4 MB；请使用更小的扫描件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is not a PNG or JPEG image</source>
        <translation>{name} 不是 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>nothing to set; give at least one of {options}</source>
        <translation>没有要设置的内容；请至少给出以下选项之一：{options}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved the company profile ({n} field(s) changed).</source>
        <translation>公司信息已保存（修改了 {n} 项）。</translation>
    </message>
</context>
<context>
    <name>CliConformance</name>
    <message>
        <location filename="../../app/cli/conformance.py" line="+50"/>
        <source>--set takes NAME=VALUE, not {pair}</source>
        <translation>--set 的格式是 NAME=VALUE，而不是 {pair}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>production-interface key: </source>
        <translation>生产接口密钥：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>cannot reach {url}; nothing was checked (is the server running, and the address right?)</source>
        <translation>无法连接 {url}，未做任何检查（服务器是否已运行，地址是否正确？）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the production-interface key is empty; set {env}</source>
        <translation>生产接口密钥为空；请设置 {env}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not an http(s) address: {url}</source>
        <translation>不是 http(s) 地址：{url}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot write the report: {error}</source>
        <translation>无法写入报告：{error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{family} at {url}: {passed} passed, {failed} failed, {warning} warning(s), {skipped} skipped in {seconds:.1f} s</source>
        <translation>{family}（{url}）：通过 {passed} 项，失败 {failed} 项，警告 {warning} 项，跳过 {skipped} 项，用时 {seconds:.1f} 秒</translation>
    </message>
</context>
<context>
    <name>CliEvidence</name>
    <message>
        <location filename="../../app/cli/evidence.py" line="+49"/>
        <source>wrote {path}: {included} file(s) included, {listed} listed only (on the marketplace)</source>
        <translation>已写入 {path}：包含 {included} 个文件，{listed} 个仅列出（在云商店上）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>OK: {n} member(s) of task {task} match their SHA-256</source>
        <translation>完好：任务 {task} 的 {n} 个文件与其 SHA-256 一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CHANGED  {problem}</source>
        <translation>已改动  {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} of {checked} member(s) do not match</source>
        <translation>{checked} 个文件中有 {n} 个不一致</translation>
    </message>
</context>
<context>
    <name>CliExitCodes</name>
    <message>
        <location filename="../../app/cli/failures.py" line="+65"/>
        <source>done</source>
        <extracomment>Every exit code and what it means, for ``--help`` and docs/cli.md (keep docs/cli.md in step); English here, translated where shown (:func:`exit_codes_text`, context ``CliExitCodes``).</extracomment>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any other failure (the line says what went wrong)</source>
        <translation>其他失败（提示行说明出了什么问题）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>usage: a wrong argument or choice; a draft or evidence request that cannot be done; outbox: the action was not queued</source>
        <translation>用法：参数或选项有误；无法完成的草稿或证据请求；发件箱：操作未加入队列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the marketplace refused the keys (authentication)</source>
        <translation>云商店拒绝了密钥（身份验证）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the marketplace cannot be reached</source>
        <translation>无法连接云商店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the marketplace kept failing, or refused a request during a sync</source>
        <translation>云商店持续出错，或在同步时拒绝了请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the local cache cannot be opened</source>
        <translation>无法打开本地缓存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>configuration: no usable profile, cache, keys or endpoint</source>
        <translation>配置：没有可用的账号、本地缓存、密钥或接入地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invoice: the PDF could not be made; outbox send: the marketplace refused an action</source>
        <translation>invoice：无法生成 PDF；outbox send：云商店拒绝了操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>evidence verify: the package was changed</source>
        <translation>evidence verify：证据包已被改动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invoice render: the invoice fails a check that blocks printing (no PDF)</source>
        <translation>invoice render：发票未通过阻止打印的检查（不生成 PDF）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conformance: a check of the production interface failed</source>
        <translation>conformance：生产接口有检查未通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled (Ctrl+C)</source>
        <translation>已取消（Ctrl+C）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>exit codes:</source>
        <translation>退出码：</translation>
    </message>
</context>
<context>
    <name>CliExport</name>
    <message>
        <location filename="../../app/cli/export.py" line="+59"/>
        <source>unknown time zone {name} (use an IANA name such as Asia/Shanghai)</source>
        <translation>未知的时区 {name}（请使用 IANA 名称，例如 Asia/Shanghai）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{value} is not a date such as 2026-11-28</source>
        <translation>{value} 不是日期（格式如 2026-11-28）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{area} has no column {key}; it has {keys}</source>
        <translation>{area} 没有列 {key}；可用的列：{keys}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{done} of {total} rows</source>
        <translation>{done} / {total} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{done} rows</source>
        <translation>{done} 行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>export cancelled; no file was written</source>
        <translation>导出已取消；未写入文件</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{rows} rows -&gt; {path} ({seconds} s)</source>
        <translation>{rows} 行 -&gt; {path}（{seconds} 秒）</translation>
    </message>
</context>
<context>
    <name>CliFailures</name>
    <message>
        <location filename="../../app/cli/failures.py" line="+34"/>
        <source>the marketplace refused the keys; check the access key, the secret key and this computer&apos;s clock</source>
        <extracomment>Exit code of each failure code that has its own (anything else: :data:`EXIT_FAILURE`).</extracomment>
        <translation>云商店拒绝了密钥；请检查 AK、SK 以及这台电脑的时钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the marketplace cannot be reached; check the network and the endpoint, then try again</source>
        <translation>无法连接云商店；请检查网络和接入地址，然后重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the marketplace kept answering with errors; what was synced is kept, try again later</source>
        <translation>云商店持续返回错误；已同步的数据会保留，请稍后重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the marketplace refused the request</source>
        <translation>云商店拒绝了该请求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the marketplace answered with an error</source>
        <translation>云商店返回了错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the endpoint is not a usable address (https, or http on this computer only)</source>
        <translation>接入地址不可用（须为 https；http 仅限本机）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the local cache cannot be opened (run with --lang en --verbose for the details)</source>
        <translation>无法打开本地缓存（加 --lang en --verbose 运行可查看详情）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the local cache ({where}) is locked by another program; nothing was changed, close it or wait, then try again</source>
        <translation>本地缓存（{where}）被其他程序锁定；未做任何更改，请关闭该程序或稍候后重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the local cache ({where}) or its folder cannot be written by this user (left by sudo?); nothing was changed, give it back to your user (chown), then try again</source>
        <translation>当前用户无法写入本地缓存（{where}）或其文件夹（是否由 sudo 留下？）；未做任何更改，请将其交还给您的用户（chown）后重试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the disk holding the local cache ({where}) is full; nothing was lost, free some space, then try again</source>
        <translation>存放本地缓存的磁盘已满（{where}）；没有丢失任何内容，请释放空间后重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the cache server at {where} cannot be reached or refused the login; check that PostgreSQL is running and the database address</source>
        <translation>无法连接位于 {where} 的缓存服务器，或其拒绝了登录；请检查 PostgreSQL 是否在运行以及数据库地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the local cache ({where}) is damaged and was left untouched; `seller-console cache fresh` saves what you made, sets the cache aside and brings it into a new one</source>
        <translation>本地缓存（{where}）已损坏，已保持原样；`seller-console cache fresh` 会保存您创建的内容，将该缓存移到一旁，并把内容带入新的缓存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this cache was written by a newer console; update the console, the cache was not changed</source>
        <translation>此缓存由更新版本的控制台写入；请升级控制台，缓存未被更改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stopped; what was done so far is kept</source>
        <translation>已停止；已完成的部分会保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no keychain on this computer; set SELLER_CONSOLE_AK and SELLER_CONSOLE_SK instead</source>
        <translation>这台电脑上没有系统钥匙串；请改为设置 SELLER_CONSOLE_AK 和 SELLER_CONSOLE_SK</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no profile named {name}</source>
        <translation>没有名为 {name} 的账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a profile named {name} exists already</source>
        <translation>名为 {name} 的账号已存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the endpoint must be an https address (http only on this computer)</source>
        <translation>接入地址须为 https 地址（http 仅限本机）</translation>
    </message>
</context>
<context>
    <name>CliHelp</name>
    <message>
        <location filename="../../app/__main__.py" line="+74"/>
        <source>Commands that use a cache take --profile NAME (a profile of `profile list`; sandbox: the built-in sandbox) or --endpoint URL (keys from SELLER_CONSOLE_AK / SELLER_CONSOLE_SK), and --db URL; with one profile or cache, no flag is needed.</source>
        <extracomment>Where each command&apos;s parser is defined: (module, function adding it to the subparsers), in the order ``--help`` lists them. ``gui``, ``screenshot`` and ``sandbox`` are added here. Only the given command&apos;s module is imported (each pulls in its services: reportlab for ``evidence``, openpyxl for ``export``, ...); ``--help`` or an unknown word builds them all. ``tests/cli/test_one_console.py`` checks this table against what the modules add.</extracomment>
        <translation>使用本地缓存的命令接受 --profile NAME（`profile list` 中的账号；sandbox：内置沙箱）或 --endpoint URL（密钥取自 SELLER_CONSOLE_AK / SELLER_CONSOLE_SK），以及 --db URL；只有一个账号或缓存时无需指定。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every command, flag and exit code: docs/cli.md</source>
        <translation>全部命令、选项和退出码：docs/cli.md</translation>
    </message>
</context>
<context>
    <name>CliInterfaces</name>
    <message>
        <location filename="../../app/cli/interfaces.py" line="+31"/>
        <source>refunded automatically when retries end</source>
        <translation>重试结束仍失败将自动退订退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retries end: call it again after your fix</source>
        <translation>重试结束后需重新启动(修复接口后)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retries ended: call it again</source>
        <translation>重试已结束:请重新启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retries ended: the order was refunded</source>
        <translation>重试已结束:订单已退订退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this call already succeeded or was called again; there is nothing to call again</source>
        <translation>此调用已成功或已重新启动,无需再次重新启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the retries of this newInstance ran out: KooGallery refunded the order</source>
        <translation>此 newInstance 的重试已结束:云商店已退订并退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a call-again of this message is waiting in the outbox</source>
        <translation>此消息的重新启动正在发件箱中等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>there is no such interface message in this cache; sync first</source>
        <translation>缓存中没有此生产接口消息,请先同步</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>ended {span} ago</source>
        <translation>{span}前已结束</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no failed call needs you</source>
        <translation>没有需要您处理的失败调用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} failed calls need you; failed orders in {month} (Beijing time), delisting above {threshold} (unconfirmed rule):</source>
        <translation>{n} 个失败调用需要您处理;{month}(北京时间)失败订单数,超过 {threshold} 单有下架风险(规则未经确认):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OVER: delisting risk</source>
        <translation>已超出:有下架风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near</source>
        <translation>接近</translation>
    </message>
</context>
<context>
    <name>CliInvoice</name>
    <message>
        <location filename="../../app/cli/invoice.py" line="-129"/>
        <source>the company profile has no {fields}; set it with `seller-console company set {options}` (or in the window: Settings → Company Profile)</source>
        <extracomment>seller fields of a draft -&gt; the company field they are filled from (intl: its English name and address when there are any).</extracomment>
        <translation>公司信息缺少{fields}；请用 `seller-console company set {options}` 设置（或在窗口中：设置 → 公司信息）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; fix the saved draft in the window&apos;s Invoices area</source>
        <translation>；请在窗口的“发票”区域修改已保存的草稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the invoice cannot be printed: {reasons}; no PDF was written</source>
        <translation>发票无法打印：{reasons}；未写入 PDF</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>no invoice notices in the cache; run `seller-console sync` first</source>
        <translation>本地缓存中没有开票通知；请先运行 `seller-console sync`</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>bill status</source>
        <translation>账单状态</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>notice</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>period</source>
        <translation>期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>cur</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rates</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no customer invoice requests in the cache; run `seller-console sync` first</source>
        <translation>缓存中没有用户开票申请；请先运行 `seller-console sync`</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>title</source>
        <translation>抬头</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>no invoice notice {notice} in the cache; sync first</source>
        <translation>本地缓存中没有开票通知 {notice}；请先同步</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the PDF could not be made: {error}</source>
        <translation>无法生成 PDF：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} ({n} invoice(s), {size} bytes)</source>
        <translation>{path}（{n} 张发票，{size} 字节）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>no paid 通用 bills in the cache; run `seller-console sync` first</source>
        <translation>缓存中没有已付款的通用商品账单；请先运行 `seller-console sync`</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>requested</source>
        <translation>已索取</translation>
    </message>
</context>
<context>
    <name>CliMain</name>
    <message>
        <location filename="../../app/__main__.py" line="+70"/>
        <source>--sandbox-orders must be at least 1</source>
        <translation>--sandbox-orders 至少为 1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--orders must be at least 1</source>
        <translation>--orders 至少为 1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>logging to a file is off ({error})</source>
        <translation>未写入日志文件（{error}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>CliOffers</name>
    <message>
        <location filename="../../app/cli/partner.py" line="+37"/>
        <source>the offer needs a name (优惠名称), shown to the customer</source>
        <translation>优惠需要名称（优惠名称），客户可以看到它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the offer needs the customer&apos;s account (用户账号)</source>
        <translation>优惠需要客户的用户账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the effective time must be later than now</source>
        <translation>生效时间必须晚于当前时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the offer must end after it starts</source>
        <translation>优惠的结束时间必须晚于生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the offer needs at least one product with its discount</source>
        <translation>优惠至少需要一个商品及其折扣</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{product}: the discount must be more than 0 and at most 1 (1 = list price)</source>
        <translation>{product}：折扣必须大于 0 且不超过 1（1 = 目录价）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a special business request (转人工处理) needs a reason: --special-reason</source>
        <translation>特殊商务申请（转人工处理）需要理由：--special-reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a 100% partner discount is not possible: the customer has exclusive offer {offer} for this product, effective now or within 24 hours</source>
        <translation>不能申请 100% 伙伴折扣：客户在该商品上已有专属优惠 {offer}，已生效或将在 24 小时内生效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a 100% partner discount needs the customer bound to you: confirm it with --confirm-bound (the console cannot see your bindings)</source>
        <translation>100% 伙伴折扣要求客户已与您绑定：请用 --confirm-bound 确认（控制台看不到您的绑定关系）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a 100% partner discount needs the customer to pick you on the order page: confirm it with --confirm-picks-partner</source>
        <translation>100% 伙伴折扣要求客户在下单界面选择您：请用 --confirm-picks-partner 确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only an offer under approval (审批中) can be revoked; this one is {status}</source>
        <translation>只有审批中的优惠可以撤销；此优惠为{status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an earlier action on this record is waiting in the outbox; wait until it is sent</source>
        <translation>此记录的上一个操作还在发件箱中等待，请等它发送后再操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>there is no exclusive offer {offer} in this cache; sync first</source>
        <translation>本地缓存中没有专属优惠 {offer}，请先同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the customer&apos;s name (客户名称) is required</source>
        <translation>请填写客户名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name the seller&apos;s joint-operation (联营) product with --product</source>
        <translation>请用 --product 指定商家的联营商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only a demand a partner (客户服务商) submitted can be edited</source>
        <translation>只有客户服务商提交的需求可以编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the demand is {status}; only a demand waiting for acceptance or in conversion can be edited</source>
        <translation>该需求为{status}；只有待接收或需求转化中的需求可以编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an exclusive offer (专属优惠) exists for this demand: its details are locked</source>
        <translation>此需求已有专属优惠，其信息已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an exclusive offer is created for a demand in conversion (需求转化中) only</source>
        <translation>只能为需求转化中的需求创建专属优惠</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{flag}: not a date or time (ISO 8601, e.g. 2026-12-10 or 2026-12-10T09:00)</source>
        <translation>{flag}：不是日期或时间（ISO 8601，例如 2026-12-10 或 2026-12-10T09:00）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--product {spec}: write PRODUCT_ID=DISCOUNT, e.g. OFFI…=0.85 (1 = list price)</source>
        <translation>--product {spec}：请写成 商品ID=折扣，例如 OFFI…=0.85（1 = 目录价）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>no exclusive offers in this cache (a partner profile syncs them)</source>
        <translation>本地缓存中没有专属优惠（伙伴配置同步后才有）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1. the customer is bound to you (客户已与客户服务商建立绑定关系): the console cannot see your bindings; KooGallery checks it when you apply</source>
        <translation>1. 客户已与客户服务商建立绑定关系：控制台看不到您的绑定关系；申请时由云商店校验</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>2. no exclusive offer of the customer for the product effective now or within 24 hours (checked in this cache as of the last sync)</source>
        <translation>2. 客户在该商品上没有已生效或 24 小时内生效的专属优惠（按上次同步的本地缓存检查）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>3. the customer picks you on the order page (在下单界面选择与之绑定): nobody can check this before the order; agree it with the customer</source>
        <translation>3. 客户在下单界面选择与之绑定的客户服务商：下单前无人能校验此项，请与客户事先约定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOT MET</source>
        <translation>不满足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you confirm</source>
        <translation>由您确认</translation>
    </message>
</context>
<context>
    <name>CliOpenApi</name>
    <message>
        <location filename="../../app/cli/openapi.py" line="+96"/>
        <source>{code}: activated ({status}); order {order}, expires {expire}</source>
        <translation>{code}:已激活({status});订单 {order},到期 {expire}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{code}: already activated on {when} ({status}); expires {expire}</source>
        <translation>{code}:已于 {when} 激活({status});到期 {expire}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{code}: {status}; activated {when}, expires {expire}</source>
        <translation>{code}:{status};激活于 {when},到期 {expire}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{code}: {meaning} ({error})</source>
        <translation>{code}:{meaning}({error})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{n} codes: {meaning} ({error})</source>
        <translation>{n} 个授权码:{meaning}({error})</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>stopped; the records stay queued</source>
        <translation>已停止;记录仍在队列中</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>line {line} ({sn}): {reason}</source>
        <translation>第 {line} 行({sn}):{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{sn}: refused by KooGallery: {reason}</source>
        <translation>{sn}:被云商店拒绝:{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} records were queued before and are not sent again</source>
        <translation>{n} 条记录此前已排队,不会再次发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file}: {sent} records sent, {queued} waiting, {refused} refused by KooGallery, {bad} rows refused here</source>
        <translation>{file}:已发送 {sent} 条记录,{queued} 条等待中,{refused} 条被云商店拒绝,{bad} 行在本地被拒绝</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>paused ({why}): {message}; the records stay queued</source>
        <translation>已暂停({why}):{message};记录仍在队列中</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the built-in sandbox has its own demo key</source>
        <translation>内置沙箱有自己的演示密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key from 密钥管理 for {name}: </source>
        <translation>{name} 的密钥管理密钥:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no key given; nothing stored</source>
        <translation>未输入密钥;未保存任何内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stored the usage-push key of {name} in {where}</source>
        <translation>已将 {name} 的使用量推送密钥保存到 {where}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>order {id}: {meaning} ({error}): {message}</source>
        <translation>订单 {id}:{meaning}({error}):{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (test order)</source>
        <translation>(测试订单)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order {id}{test}: {type}, ordered {when}, buyer {buyer}</source>
        <translation>订单 {id}{test}:{type},下单于 {when},买家 {buyer}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  line {id}: {mode}{period}, expires {expire}, amount {amount} (after discount {after})</source>
        <translation>  订单行 {id}:{mode}{period},到期 {expire},金额 {amount}(折后 {after})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cache: no cache to compare with</source>
        <translation>缓存:没有可对比的缓存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cache: this order is not in the cache</source>
        <translation>缓存:缓存中没有此订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cache: agrees with KooGallery (order status {status}, supervision {supervision})</source>
        <translation>缓存:与云商店一致(订单状态 {status},服务监管 {supervision})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cache differs: {where}{field}: KooGallery {theirs}, cache {ours}</source>
        <translation>缓存不一致:{where}{field}:云商店 {theirs},缓存 {ours}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cache: line {id} is not in the cache</source>
        <translation>缓存:缓存中没有订单行 {id}</translation>
    </message>
</context>
<context>
    <name>CliOutbox</name>
    <message>
        <location filename="../../app/cli/outbox.py" line="+139"/>
        <source>the window (process {pid}) has this cache open and sends its outbox; what is queued waits there</source>
        <translation>窗口（进程 {pid}）已打开此缓存并负责发送其待发送操作；已排队的操作在那里等待发送</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>delivered  #{id} {summary}</source>
        <translation>已送达  #{id} {summary}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>refused    #{id} {summary}: {code} {error}</source>
        <translation>被拒绝  #{id} {summary}：{code} {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>retry later #{id} {summary}: {error}</source>
        <translation>稍后重试 #{id} {summary}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>paused ({why}): {message}; the actions stay queued</source>
        <translation>已暂停（{why}）：{message}；操作仍在队列中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>outbox: {pending} waiting, {attention} need attention, {done} done</source>
        <translation>发件箱：{pending} 个等待发送，{attention} 个需要处理，{done} 个已完成</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the outbox is empty</source>
        <translation>发件箱为空</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>the pre-flight check found {n} error(s); fix the files and try again</source>
        <translation>发送前检查发现 {n} 个错误；请修改文件后重试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the pre-flight check found {n} warning(s); check them, then add --accept-warnings to deliver anyway</source>
        <translation>发送前检查发现 {n} 个警告；请核对，如仍要交付请加 --accept-warnings</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>queued     #{id} {summary}</source>
        <translation>已加入队列 #{id} {summary}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>journal OK: {n} entries, none changed, removed or reordered; newest #{seq} hash {hash} (compare with a copy to see newest entries removed)</source>
        <translation>日志正常：{n} 条，没有被修改、删除或调换顺序的条目；最新为 #{seq}，哈希 {hash}（与副本比对才能发现最新条目被删除）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>journal BROKEN: {problem}</source>
        <translation>操作日志已损坏：{problem}</translation>
    </message>
</context>
<context>
    <name>CliProfile</name>
    <message>
        <location filename="../../app/cli/profile.py" line="+70"/>
        <source>cannot use the console&apos;s files: {error}</source>
        <translation>无法使用控制台的文件：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no terminal to ask for the secret key on; pipe it in with --secret-stdin</source>
        <translation>没有可输入 SK 的终端；请用 --secret-stdin 从标准输入传入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Secret key (SK) for profile {name}: </source>
        <translation>账号 {name} 的 SK：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the secret key is empty; nothing was changed</source>
        <translation>SK 为空；未做任何修改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added profile {name} ({role}, {endpoint}).</source>
        <translation>已添加账号 {name}（{role}，{endpoint}）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} is the built-in sandbox&apos;s name; choose another name</source>
        <translation>{name} 是内置沙箱的名称；请换一个名称</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The profile was saved without its secret key.</source>
        <translation>账号已保存，但未保存其 SK。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Its secret key is stored in {where}, nowhere else.</source>
        <translation>其 SK 仅保存在{where}中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No usable keychain: the secret key cannot be stored on this computer.</source>
        <translation>没有可用的系统钥匙串：无法在这台电脑上保存 SK。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the keys to the console as the environment variables {ak} (access key) and {sk} (secret key): on Windows, Start → “Edit environment variables for your account”; on macOS or Linux, ask your IT staff. The console never writes the secret key to a file.</source>
        <translation>请通过环境变量 {ak}（AK）和 {sk}（SK）把密钥交给控制台：Windows 上在“开始”→“编辑帐户的环境变量”中设置；macOS 或 Linux 上请联系 IT 人员。控制台从不把 SK 写入文件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stored the secret key of profile {name} in {where}.</source>
        <translation>已将账号 {name} 的 SK 保存到{where}。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ROLE</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ENDPOINT</source>
        <translation>接入地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ACCESS KEY</source>
        <translation>AK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CACHE</source>
        <translation>本地缓存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built-in sandbox (started when used)</source>
        <translation>内置沙箱（使用时启动）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No profiles yet. Add one with: seller-console profile add NAME --endpoint URL --access-key AK</source>
        <translation>还没有账号。添加账号：seller-console profile add NAME --endpoint URL --access-key AK</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Removed profile {name}; its local cache is kept.</source>
        <translation>已删除账号 {name}；其本地缓存保留。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the profile is removed, but its secret key could not be deleted: {error}</source>
        <translation>账号已删除，但其 SK 无法删除：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its secret key was deleted from the keychain.</source>
        <translation>其 SK 已从系统钥匙串中删除。</translation>
    </message>
</context>
<context>
    <name>CliReport</name>
    <message>
        <location filename="../../app/cli/report.py" line="+31"/>
        <source>the report is a ZIP file: give --out a name ending in .zip, or a folder</source>
        <translation>问题报告是 ZIP 文件：请给 --out 一个以 .zip 结尾的文件名，或一个文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the report could not be written to {path}: {error}</source>
        <translation>无法把问题报告写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrote {path} ({logs} log files). It holds versions, the settings, the caches&apos; schema versions, profile names and the log with secrets masked; send it to your IT staff.</source>
        <translation>已写入 {path}（{logs} 个日志文件）。其中包含版本信息、设置、本地缓存的结构版本、账号名称以及已遮蔽密钥的日志；请把它发送给您的 IT 人员。</translation>
    </message>
</context>
<context>
    <name>CliStatus</name>
    <message>
        <location filename="../../app/cli/sync.py" line="+227"/>
        <source>records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(last run failed: {error})</source>
        <translation>（上次运行失败：{error}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} record(s) set aside as malformed:</source>
        <translation>{n} 条格式有误的记录已搁置：</translation>
    </message>
</context>
<context>
    <name>CliSync</name>
    <message>
        <location line="-185"/>
        <source>collection</source>
        <extracomment>The summary table&apos;s headings (English here, translated where shown).</extracomment>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fetched</source>
        <translation>获取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set_aside</source>
        <translation>搁置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>unknown collection(s): {unknown}; known: {known}</source>
        <translation>未知的数据集：{unknown}；可用的：{known}</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>stopped; what was synced so far is kept</source>
        <translation>已停止；已同步的数据会保留</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
</context>
<context>
    <name>CliUsage</name>
    <message>
        <location filename="../../app/cli/failures.py" line="+63"/>
        <source>argument {arg}: invalid choice {value} (choose from {choices})</source>
        <extracomment>The cache this run opened last (:func:`open_cache_or_fail`), to word a failure met later.</extracomment>
        <translation>参数 {arg}：无效的选项 {value}（可选：{choices}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the following arguments are required: {args}</source>
        <translation>缺少必需的参数：{args}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unrecognized arguments: {args}</source>
        <translation>无法识别的参数：{args}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>argument {arg}: expected one value</source>
        <translation>参数 {arg}：需要一个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>argument {arg}: expected more values</source>
        <translation>参数 {arg}：需要更多的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>argument {arg}: not allowed with argument {other}</source>
        <translation>参数 {arg}：不能与参数 {other} 同时使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>argument {arg}: invalid value {value}</source>
        <translation>参数 {arg}：无效的值 {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ambiguous option: {option} could match {matches}</source>
        <translation>选项不明确：{option} 可匹配 {matches}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one of the arguments {args} is required</source>
        <translation>需要以下参数之一：{args}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{what}; see `{prog} --help`</source>
        <translation>{what}；请查看 `{prog} --help`</translation>
    </message>
</context>
<context>
    <name>Collections</name>
    <message>
        <location filename="../../app/views/common/titles.py" line="+32"/>
        <source>orders</source>
        <extracomment>Sync collections (``app.services.marketplace.wire.COLLECTIONS``), lower case: they stand inside sentences.</extracomment>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervision tasks</source>
        <translation>服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer demands</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invoice notices</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer invoice requests</source>
        <translation>用户开票申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interface messages</source>
        <translation>生产接口消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partner bills</source>
        <translation>客户服务商账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partner performance</source>
        <translation>业绩明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exclusive offers</source>
        <translation>专属优惠</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../app/views/supervision/dialogs.py" line="-142"/>
        <source>Reject the Requirement (驳回)</source>
        <translation>驳回需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requirement goes back to the buyer. Say what is missing or wrong (required).</source>
        <translation>需求将退回给用户。请说明缺少或有误的内容（必填）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue Rejection</source>
        <translation>加入待发送：驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm the Requirement (确认需求)</source>
        <translation>确认需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You accept the buyer&apos;s requirement and start the service. A comment is optional.</source>
        <translation>您将接受用户的需求并开始实施服务。备注可不填。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue Confirmation</source>
        <translation>加入待发送：确认需求</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the reason for the rejection.</source>
        <translation>请填写驳回原因。</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location filename="../../app/cli/company.py" line="-124"/>
        <location filename="../../app/cli/invoice_words.py" line="+27"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+53"/>
        <source>Company name (as registered)</source>
        <extracomment>field of :class:`Company` -&gt; (its option, what it is; the window&apos;s label)
----------
``translate(context, source_text)`` of the front end that shows the words.</extracomment>
        <translation>公司名称（与营业执照一致）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+0"/>
        <source>Company name in English</source>
        <translation>公司英文名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/cli/invoice_words.py" line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+1"/>
        <source>Unified social credit code / VAT No.</source>
        <translation>统一社会信用代码 / VAT 税号</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/invoice_words.py" line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+1"/>
        <source>Address in English</source>
        <translation>英文地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/invoice_words.py" line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/invoice_words.py" line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+1"/>
        <source>Bank (开户行)</source>
        <translation>开户行</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/cli/invoice_words.py" line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+0"/>
        <source>Bank account No.</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+1"/>
        <source>SWIFT code</source>
        <translation>SWIFT 代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+0"/>
        <source>Beneficiary</source>
        <translation>收款人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+1"/>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/company_dialog.py" line="+14"/>
        <source>Company Profile</source>
        <translation>公司信息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How your company appears on the invoices to Huawei. Kept with this profile&apos;s local data.</source>
        <translation>贵公司在开给华为的发票上的信息，保存在本配置的本地数据中。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose Image…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/cli/company.py" line="+40"/>
        <location filename="../../app/views/invoices/company_dialog.py" line="+4"/>
        <source>Seal or signature image</source>
        <translation>公章或签名图片</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/company_dialog.py" line="+28"/>
        <source>Seal or Signature Image</source>
        <translation>公章或签名图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The image could not be read: %1</source>
        <translation>无法读取图片：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image is larger than 4 MB; use a smaller scan.</source>
        <translation>图片超过 4 MB，请使用较小的扫描件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a PNG or JPEG image.</source>
        <translation>%1 不是 PNG 或 JPEG 图片。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The company profile could not be saved: %1</source>
        <translation>无法保存公司信息：%1</translation>
    </message>
</context>
<context>
    <name>ConformancePanel</name>
    <message>
        <location filename="../../app/views/integration/conformance_panel.py" line="+63"/>
        <source>SaaS V2 (POST, signature)</source>
        <translation>SaaS V2（POST，signature 签名）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SaaS V1 (GET, authToken, Body-Sign)</source>
        <translation>SaaS V1（GET，authToken，Body-Sign）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>License 2.0 seller interfaces</source>
        <translation>License 2.0 商家接口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint-operation Kit V2 (联营Kit)</source>
        <translation>联营Kit V2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Production URL</source>
        <translation>生产地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface family</source>
        <translation>接口类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key (密钥管理)</source>
        <translation>密钥（密钥管理）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept in the keychain for this profile; leave empty to use the kept key</source>
        <translation>保存在此配置的系统钥匙串中；留空则使用已保存的密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;HTML…</source>
        <translation>导出 &amp;HTML…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;JUnit…</source>
        <translation>导出 &amp;JUnit…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Enter the production URL first.</source>
        <translation>请先输入生产地址。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Testing {url}…</source>
        <translation>正在测试 {url}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending {request}…</source>
        <translation>正在发送 {request}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{passed} passed, {failed} failed, {warning} warning(s), {skipped} skipped in {seconds} s</source>
        <translation>通过 {passed} 项，失败 {failed} 项，警告 {warning} 项，跳过 {skipped} 项，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stopped; nothing was reported.</source>
        <translation>已停止；没有生成报告。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot reach {url}; nothing was checked. Is the server running, and the address right?</source>
        <translation>无法连接 {url}，未做任何检查。服务器是否已运行，地址是否正确？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not an http(s) address.</source>
        <translation>不是 http(s) 地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the key first.</source>
        <translation>请先输入密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No key is kept for this profile yet: enter the key from 卖家中心 &gt; 应用工具 &gt; 密钥管理.</source>
        <translation>此配置尚未保存密钥：请输入卖家中心 &gt; 应用工具 &gt; 密钥管理中的密钥。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This check is judged over all answers above; select one of the activities to see its request and answer.</source>
        <translation>此项检查针对上面所有应答；选择某个接口活动可查看其请求与应答。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot save the report: {error}</source>
        <translation>无法保存报告：{error}</translation>
    </message>
</context>
<context>
    <name>ConnectStrip</name>
    <message>
        <location filename="../../app/views/first_run.py" line="+216"/>
        <source>You are looking at demo data from the built-in sandbox. Connect your KooGallery seller or partner account to work with your own orders and bills.</source>
        <translation>当前显示的是内置沙箱的演示数据。连接您的云商店卖家或客户服务商账号，即可处理您自己的订单和账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect Your Account…</source>
        <translation>连接您的账号…</translation>
    </message>
</context>
<context>
    <name>CustomerInvoices</name>
    <message>
        <location filename="../../app/cli/invoice_words.py" line="+21"/>
        <source>Only an issued invoice (已完成) can be returned.</source>
        <translation>只有已开具的发票（已完成）才能退回。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A request that is {status} cannot be revoked.</source>
        <translation>状态为“{status}”的申请不能撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An earlier action on this request is waiting in the outbox; wait until it is sent.</source>
        <translation>此申请的上一个操作仍在发件箱中等待；请等它发送后再操作。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say why (the customer sees the reason).</source>
        <translation>请填写原因（用户可以看到）。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="+285"/>
        <source>Orders in progress</source>
        <translation>处理中的订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision tasks waiting on you</source>
        <translation>待我处理的服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demands about to close</source>
        <translation>即将自动关闭的客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills to invoice</source>
        <translation>待开票的账单</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../app/views/dashboard.py" line="+346"/>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been synced yet.</source>
        <translation>尚未同步任何数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From the cache of %1, last synced %2.</source>
        <translation>数据来自%1的本地缓存，上次同步于 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The first sync is running; the figures fill in as the records arrive.</source>
        <translation>首次同步正在进行，数据到达后即逐项显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cache is empty. Sync to fetch your orders, supervision tasks, customer demands and bills from the marketplace.</source>
        <translation>本地缓存为空。请同步，从云商店获取订单、服务监管任务、客户需求和账单。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln supervision task(s)</source>
        <translation>
            <numerusform>%Ln 个服务监管任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln customer demand(s)</source>
        <translation>
            <numerusform>%Ln 个客户需求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln bill(s)</source>
        <translation>
            <numerusform>%Ln 张账单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln invoice notice(s)</source>
        <translation>
            <numerusform>%Ln 条开票通知</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the cache: %1.</source>
        <translation>本地缓存中共有：%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status %1: paid, still being delivered. Open them in Orders.</source>
        <translation>状态为“%1”：已付款、仍在交付。点击在订单中查看。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status %1: they close by themselves if not accepted within 2 days.</source>
        <translation>状态为“%1”：2 天内不接收将自动关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status %1: settlement bills waiting for your invoice.</source>
        <translation>状态为“%1”：等待商家开具发票的结算账单。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Service supervision steps where the marketplace waits for you.</source>
        <translation>服务监管流程中等待商家操作的环节。</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <location filename="../../app/views/deadlines.py" line="+97"/>
        <source>Buyer idle 5 days: you may appeal (older rule)</source>
        <extracomment>Announcements closer together than this are one burst (one re-computation). Records the window can open (others are listed only). A clock that ran out longer ago than this is &quot;long past&quot;: listed after the running ones, and its time reads as a date (&quot;overdue since 2025-02-03&quot;), not as &quot;overdue by 373 d&quot;. The columns: &quot;What happens&quot; wraps its text when the row would not fit otherwise; &quot;About&quot; (the last) is never cut. Columns are at most this wide; &quot;What happens&quot; wraps at no less than this. Hints about hardware acceptance (§1.6), not from the older appeal rule. A 协商退订 waiting for the seller (§1.9): no documented limit, so a hint, not a deadline.</extracomment>
        <translation>买家节点停留 5 天：您可以申诉（旧规则）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your node idle 5 days: the buyer may appeal (older rule)</source>
        <translation>您的节点停留 5 天：买家可以申诉（旧规则）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>180 days unaccepted: KooGallery reminds the buyer&apos;s BD and you</source>
        <translation>180 天未验收：云商店提醒买家的华为 BD 和您</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buyer rejected more than 3 times: you may appeal (older rule)</source>
        <translation>买家驳回超过 3 次：您可申诉（旧规则）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You rejected more than 3 times: the buyer may appeal (older rule)</source>
        <translation>您驳回超过 3 次：买家可申诉（旧规则）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hardware accepted automatically (10 days after signature)</source>
        <translation>硬件自动验收（签收后 10 天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No automatic acceptance (the courier&apos;s phone is not the buyer&apos;s): remind the buyer to accept</source>
        <translation>不会自动验收（快递收件电话与买家不一致）：请提醒买家确认验收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic acceptance not certain (phone match unknown): ask the buyer to accept</source>
        <translation>能否自动验收不确定（不知电话是否一致）：请买家确认验收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The platform decides the appeal (3 working days)</source>
        <translation>平台处理申诉（3 个工作日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned goods accepted and the order unsubscribed by the system (15 days)</source>
        <translation>系统自动验收退货并退订订单（15 天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Negotiated refund (协商退订) waits for your approval</source>
        <translation>协商退订等待您审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demand closes unless you accept it (5 days)</source>
        <translation>不接收则需求自动关闭（5 天）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice Huawei for the partner bill (1 month)</source>
        <translation>按伙伴账单向华为开票（1 个月内）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Invoice Huawei for the notice (your deadline setting)</source>
        <translation>按开票通知向华为开票（您设置的期限）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice the customer&apos;s request (7 days, 给用户开票)</source>
        <translation>为用户的开票申请开票（7 天，给用户开票）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Huawei verifies your invoice (2 working days after signing for it)</source>
        <translation>华为审核您的发票（签收后 2 个工作日内）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Huawei verifies your invoice at the latest (signed-for date unknown)</source>
        <translation>华为最迟审核您的发票的时间（签收日期未知）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KooGallery stops retrying your failed newInstance and refunds the order</source>
        <translation>云商店停止重试失败的 newInstance 并退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KooGallery stops retrying your failed interface call; call it again</source>
        <translation>云商店停止重试失败的接口调用;请重新启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Many failed orders this month: delisting risk (the count starts again)</source>
        <translation>本月失败订单较多:有下架风险(届时重新计数)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>possible for %1</source>
        <translation>已可申诉 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overdue by %1</source>
        <translation>已超期 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>signed for %1</source>
        <translation>%1 已签收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asked %1</source>
        <translation>%1 申请</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reminded since %1</source>
        <translation>自 %1 起已提醒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>possible since %1</source>
        <translation>自 %1 起可申诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overdue since %1</source>
        <translation>自 %1 起已超期</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not a deadline: the buyer asked for the refund %1; no time limit for your answer is documented.</source>
        <translation>不是截止期限：买家于 %1 申请退订；规则未写明您答复的时限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a deadline: the parcel was signed for %1, and KooGallery will not accept it by itself; the buyer must confirm.</source>
        <translation>不是截止期限：包裹于 %1 签收，云商店不会自动验收，须由买家确认。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A hint from the older appeal rule (no longer a deadline): possible since %1.</source>
        <translation>旧申诉规则下的提示（已不是截止期限）：自 %1 起可申诉。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KooGallery&apos;s reminder to the buyer&apos;s Huawei BD and you (not a deadline): %1.</source>
        <translation>云商店向买家的华为 BD 和您发出的提醒（不是截止期限）：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due %1.</source>
        <translation>截止时间 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue: the time ran out. Urgent: less than %1 h left. Soon: less than %2 d left (Settings).</source>
        <translation>已超期：时限已过。紧急：剩余不足 %1 小时。即将到期：剩余不足 %2 天（可在设置中修改）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happens</source>
        <translation>将发生什么</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A deadline needs attention</source>
        <translation>有一个截止时间需要处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 deadlines need attention</source>
        <translation>%1 个截止时间需要处理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>and %1 more: see Deadlines</source>
        <translation>另有 %1 个：请查看“截止时间”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>KooGallery Seller Console</source>
        <translation>云商店卖家控制台</translation>
    </message>
</context>
<context>
    <name>DeadlinesView</name>
    <message>
        <location line="+55"/>
        <source>Deadlines (%1)</source>
        <translation>截止时间 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadlines</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The deadlines could not be computed: %1</source>
        <translation>无法计算截止时间：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Opening the cache…</source>
        <translation>正在打开缓存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No clock is running.</source>
        <translation>没有进行中的计时。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 clocks running; %2 overdue or urgent. Double-click one to open its record.</source>
        <translation>%1 个计时进行中；%2 个已超期或紧急。双击可打开对应记录。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The console has no page for this record yet; see it in KooGallery&apos;s partner center.</source>
        <translation>控制台暂无此记录的页面；请在云商店伙伴中心查看。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show &amp;hints (older appeal rule)</source>
        <translation>显示提示（旧申诉规则）(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list when an appeal became possible under the older rule (5 idle days). These are hints, not deadlines.</source>
        <translation>同时列出按旧规则（停滞 5 天）可以申诉的时间。这些只是提示，不是截止期限。</translation>
    </message>
</context>
<context>
    <name>DeliverDialog</name>
    <message>
        <location filename="../../app/views/supervision/deliver_dialog.py" line="+67"/>
        <source>Deliver — %1</source>
        <translation>交付 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop the acceptance files (交付验收件) here or add them. They are checked before anything is queued.</source>
        <translation>将交付验收件拖放到此处或点击添加。加入待发送前会先检查这些文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What was delivered (服务结果描述)</source>
        <translation>服务结果描述</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the actual start time (实际开通时间)</source>
        <translation>填写实际开通时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your local time; the marketplace gets it in UTC. Leave it unset and the validity starts at the buyer&apos;s acceptance.</source>
        <translation>按本地时间填写，发送给云商店时换算为 UTC。不填写则有效期从用户确认验收时开始计算。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>I have read the warnings and deliver anyway</source>
        <translation>我已阅读以上警告，仍然交付</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Service result</source>
        <translation>服务结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Courier company</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queue Delivery</source>
        <translation>加入待发送：交付</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Acceptance Files</source>
        <translation>交付验收件</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The files could not be checked: %1</source>
        <translation>无法检查文件：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No files yet: drop them here.</source>
        <translation>尚无文件：请拖放到此处。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The delivery as a whole</source>
        <translation>整体交付</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check by eye</source>
        <translation>需人工核对</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The files are being checked…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add at least one acceptance file.</source>
        <translation>请至少添加一个交付验收件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the errors first: they cannot be overridden.</source>
        <translation>请先修正错误：错误不能忽略。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick the box to deliver in spite of the warnings.</source>
        <translation>如仍要交付，请勾选确认警告。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Describe the service result (服务结果描述).</source>
        <translation>请填写服务结果描述。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the courier company and the tracking number.</source>
        <translation>请填写快递公司和快递单号。</translation>
    </message>
</context>
<context>
    <name>DemandDialogs</name>
    <message>
        <location filename="../../app/views/demands/dialogs.py" line="+83"/>
        <source>Edit the solution (需求方案)</source>
        <translation>编辑需求方案</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove line</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Add at least one product specification.</source>
        <translation>请至少添加一个商品规格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %1 needs a product name.</source>
        <translation>第 %1 行缺少商品名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %1: the quantity must be at least 1.</source>
        <translation>第 %1 行:数量至少为 1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close the demand</source>
        <translation>关闭需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result of the conversion:</source>
        <translation>转化结果:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Converted (转化成功)</source>
        <translation>转化成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not converted (转化失败)</source>
        <translation>转化失败</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Comment (optional)</source>
        <translation>备注(可选)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the result.</source>
        <translation>请选择转化结果。</translation>
    </message>
</context>
<context>
    <name>DemandsModel</name>
    <message>
        <location filename="../../app/views/demands/model.py" line="+28"/>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept within</source>
        <translation>接收剩余时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>分配时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected signing</source>
        <translation>预计签单日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand ID</source>
        <translation>需求编号</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>window passed</source>
        <translation>已超过接收期限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 d %2 h left</source>
        <translation>剩余 %1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min left</source>
        <translation>剩余 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Closes by itself at %1 unless accepted</source>
        <translation>如未接收,将于 %1 自动关闭</translation>
    </message>
</context>
<context>
    <name>DemandsView</name>
    <message>
        <location filename="../../app/views/demands/view.py" line="+76"/>
        <source>Only a demand waiting for acceptance (待接收) can be accepted or rejected.</source>
        <translation>只有待接收的需求可以接收或拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 5-day acceptance window has passed; the demand closes by itself.</source>
        <translation>已超过 5 天接收期限,需求将自动关闭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a demand brought by a partner (客户服务商) can be rejected.</source>
        <translation>只有来源为客户服务商的需求可以拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a demand being converted (需求转化中) can be changed.</source>
        <translation>只有需求转化中的需求可以修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An exclusive offer (专属优惠) exists for this demand: its details are locked.</source>
        <translation>该需求已创建专属优惠,信息已锁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A demand brought by a partner (客户服务商) cannot be closed by the seller.</source>
        <translation>来源为客户服务商的需求,商家不能关闭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An earlier action on this demand is waiting in the outbox; wait until it is sent.</source>
        <translation>该需求已有操作在发件箱中等待发送,请等待发送完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demand names no customer account (用户账号) for an exclusive offer.</source>
        <translation>此需求没有可用于专属优惠的用户账号。</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Demands</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source:</source>
        <translation>来源:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search demand, product, customer or partner</source>
        <translation>搜索需求、商品、客户或客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update progress…</source>
        <translation>更新进展…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit solution…</source>
        <translation>编辑需求方案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create exclusive offer (创建专属优惠)…</source>
        <translation>创建专属优惠…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer demand…</source>
        <translation>新增客户需求…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增客户需求: a demand for a seller&apos;s joint-operation (联营) product</source>
        <translation>新增客户需求：为商家的联营商品提交的需求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit customer…</source>
        <translation>编辑客户…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The demands could not be read: %1</source>
        <translation>无法读取客户需求:%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose a demand.</source>
        <translation>请选择一个客户需求。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A partner profile views demands only.</source>
        <translation>客户服务商配置只能查看需求。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demand</source>
        <translation>需求名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Demand ID</source>
        <translation>需求ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>需求来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Submitted by</source>
        <translation>提报人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delivery</source>
        <translation>交付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opportunity</source>
        <translation>客户需求空间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main need</source>
        <translation>主要诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected signing</source>
        <translation>预计签单日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales contact</source>
        <translation>销售联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned</source>
        <translation>分配时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept by</source>
        <translation>接收截止时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exclusive offer</source>
        <translation>专属优惠</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Description</source>
        <translation>需求描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shown once you accept the demand.</source>
        <translation>接收需求后显示。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solution (需求方案)</source>
        <translation>需求方案</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Progress</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting in the outbox</source>
        <translation>发件箱中待发送</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Accept the demand</source>
        <translation>接收需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept “%1”? Accepting means you accept KooGallery&apos;s demand-management rules; the customer&apos;s details are then shown.</source>
        <translation>接收“%1”?接收即表示同意云商店客户需求管理规则,接收后将显示客户信息。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reject the demand</source>
        <translation>拒绝需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update progress (更新进展)</source>
        <translation>更新进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why do you reject it?</source>
        <translation>拒绝原因:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened with this customer?</source>
        <translation>与客户的最新进展:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reason is required.</source>
        <translation>请填写拒绝原因。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write what progressed.</source>
        <translation>请填写进展内容。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Queued; it is sent when the marketplace answers.</source>
        <translation>已加入发件箱,云商店可连接时自动发送。</translation>
    </message>
    <message>
        <location filename="../../app/views/common/failures.py" line="-68"/>
        <source>The action could not be queued: %1</source>
        <extracomment>Refusals whose sentence already says why an action was not queued.</extracomment>
        <translation>操作无法加入发件箱:%1</translation>
    </message>
    <message>
        <location filename="../../app/views/demands/view.py" line="+42"/>
        <source>Not queued</source>
        <translation>未加入发件箱</translation>
    </message>
</context>
<context>
    <name>DiagnosisDialog</name>
    <message>
        <location filename="../../app/views/finance/diagnosis_dialog.py" line="+37"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Business information (商业信息认证)</source>
        <translation>商业信息认证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid, and repaid on credit (还款)</source>
        <translation>已支付,后付费已还款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision 不涉及 or 已完成 before the run</source>
        <translation>出账前服务监管为不涉及或已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taken effect</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accumulated ≥ the minimum (客户服务商)</source>
        <translation>累计金额达到下限(客户服务商)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Billed</source>
        <translation>已出账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Will be billed</source>
        <translation>将会出账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue: should have been billed</source>
        <translation>已逾期:本应已出账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blocked</source>
        <translation>受阻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never billed</source>
        <translation>不会出账</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Expected in the run of %1 (period %2).</source>
        <translation>预计在 %1 的出账中(期次 %2)。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>by %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>then billed on %1</source>
        <translation>届时于 %1 出账</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Why was order %1 not billed?</source>
        <translation>订单 %1 为什么未出账?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No diagnosis: %1</source>
        <translation>无法诊断:%1</translation>
    </message>
</context>
<context>
    <name>DraftEditor</name>
    <message>
        <location filename="../../app/views/invoices/editor.py" line="+59"/>
        <source>Company name</source>
        <extracomment>(field, label) per group; ``None`` fields are not on that form.</extracomment>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>VAT No.</source>
        <translation>VAT 税号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <location line="+5"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>Bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>Bank account No.</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Beneficiary</source>
        <translation>收款人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SWIFT code</source>
        <translation>SWIFT 代码</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Invoice to</source>
        <translation>发票抬头（Invoice To）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>InTouch No.</source>
        <translation>InTouch 号（华为 VAT 税号）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taxpayer ID</source>
        <translation>纳税人识别号</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Invoice %1 — %2</source>
        <translation>发票 %1 — %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Seller (销售方)</source>
        <translation>销售方</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buyer (购买方)</source>
        <translation>购买方</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service item</source>
        <translation>服务项目（Service Item）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remarks (备注)</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice No.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courier tracking No.</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>From the invoice notice</source>
        <translation>开票通知信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requisition No. (申付单号)</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlement period (对账期次)</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notice amount (开票金额)</source>
        <translation>开票金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+61"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The marketplace refused it: %1</source>
        <translation>云商店拒绝了该发票：%1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Lines</source>
        <translation>发票明细</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Item (劳务名称)</source>
        <translation>劳务名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount excl. tax</source>
        <translation>金额（不含税）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>价税合计</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Total %1 %2 (excl. tax %3, tax %4)</source>
        <translation>价税合计 %1 %2（不含税 %3，税额 %4）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Some amounts in the lines are not numbers with at most two decimals (cells %1).</source>
        <translation>明细中有金额不是最多两位小数的数字（单元格 %1）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 error(s) and %2 warning(s) to acknowledge before this invoice can be printed.</source>
        <translation>打印前需修正 %1 个错误，并确认 %2 个警告。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready to print.</source>
        <translation>可以打印。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The draft could not be saved: %1</source>
        <translation>无法保存草稿：%1</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <location filename="../../app/views/export_runner.py" line="+65"/>
        <location line="+18"/>
        <location line="+21"/>
        <location line="+8"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting… %1 rows written</source>
        <translation>正在导出… 已写入 %1 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 rows written to %2.</source>
        <translation>已将 %1 行写入 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The export failed: %1</source>
        <translation>导出失败:%1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&amp;Export orders…</source>
        <extracomment>The Orders list&apos;s column keys (:data:`app.views.orders.labels.COLUMNS`) as export columns; an amount is followed by its currency (the list shows it with the amount).</extracomment>
        <translation>导出订单(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the orders the Orders list shows now, to CSV or Excel</source>
        <translation>将订单列表当前显示的订单导出为 CSV 或 Excel</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../app/views/first_run.py" line="-86"/>
        <source>Welcome to the KooGallery Seller Console</source>
        <translation>欢迎使用 KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The console keeps a local copy of your orders, service supervision tasks, customer demands and bills, so you can look things up and prepare your work even without a network.

It is running on the built-in sandbox now: a local marketplace with generated demo data. Nothing you do here reaches KooGallery.</source>
        <translation>控制台在本地保存订单、服务监管任务、客户需求和账单的副本，即使没有网络也能查询资料、准备工作。

当前运行在内置沙箱中：这是一个带有生成演示数据的本地云商店，您在这里的任何操作都不会发送到华为云云商店。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connect to KooGallery</source>
        <translation>连接华为云云商店</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add your seller or partner (客户服务商) account: its endpoint, access key and secret key. The secret key is kept in the system keychain.</source>
        <translation>添加您的卖家账号或客户服务商账号：接入地址、AK 和 SK。SK 保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep exploring the sandbox</source>
        <translation>继续体验沙箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync the demo data and try every part of the console. You can connect later from the Profile menu.</source>
        <translation>同步演示数据，体验控制台的各项功能。之后可随时从“账号”菜单连接真实账号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sandbox marketplace is ready.</source>
        <translation>沙箱云商店已就绪。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sandbox marketplace could not start. The details are in the banner above.</source>
        <translation>沙箱云商店未能启动，详情见上方提示栏。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the sandbox marketplace: generating %1 demo orders the first time takes a few seconds…</source>
        <translation>正在准备沙箱云商店：首次启动需生成 %1 个演示订单，请稍候几秒…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the sandbox marketplace…</source>
        <translation>正在准备沙箱云商店…</translation>
    </message>
</context>
<context>
    <name>FixDialog</name>
    <message>
        <location filename="../../app/views/outbox/fix_dialog.py" line="+42"/>
        <source>Fix and Resend: %1</source>
        <translation>修正并重新发送：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1

Correct what the marketplace refused, then send it again.</source>
        <translation>%1

请修正云商店拒绝的内容，然后重新发送。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The marketplace&apos;s reason: %1</source>
        <translation>云商店给出的原因：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing in this action can be edited here; it is sent again as it was. An invoice is corrected in Invoices.</source>
        <translation>此操作在这里没有可编辑的内容，将按原样重新发送。发票请在“发票”中修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Resend</source>
        <translation>重新发送(&amp;R)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Required: %1</source>
        <translation>必填：%1</translation>
    </message>
</context>
<context>
    <name>FlagsModel</name>
    <message>
        <location filename="../../app/views/finance/flags_model.py" line="+17"/>
        <source>Will not settle this cycle</source>
        <translation>本期不会结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed its bill run</source>
        <translation>错过出账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order and bill amounts differ</source>
        <translation>订单与账单金额不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement differs from rules</source>
        <translation>结算金额与规则不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill to invoice, no draft</source>
        <translation>待开票账单无发票草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice not verified in time</source>
        <translation>发票未按时审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner settlement differs from rules</source>
        <translation>客户服务商结算金额与规则不符</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>What</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records</source>
        <translation>相关记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected</source>
        <translation>应为</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>FlowTimeline</name>
    <message>
        <location filename="../../app/views/supervision/timeline.py" line="+45"/>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to come</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/views/import_wizard.py" line="+65"/>
        <source>Order list (订单列表)</source>
        <translation>订单列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction details (交易明细)</source>
        <translation>交易明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills (账单)</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line %1, %2%3: %4</source>
        <translation>第 %1 行,%2%3:%4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import from the web console</source>
        <translation>从网页控制台导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import the good rows only</source>
        <translation>只导入有效行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check every row</source>
        <translation>检查所有行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undone</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo this import</source>
        <translation>撤销此次导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mapping and preview</source>
        <translation>列映射与预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Choose an exported file</source>
        <translation>选择导出的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports (*.xlsx *.csv);;All files (*)</source>
        <translation>导出文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 data rows; header on line %2. %3</source>
        <translation>共 %1 行数据;表头在第 %2 行。%3</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>(not in the file)</source>
        <translation>(文件中没有)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 good rows, %2 bad lines.</source>
        <translation>%1 行有效,%2 行有误。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 skipped.</source>
        <translation>已导入:新增 %1,更新 %2,未变 %3,跳过 %4。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose an import to undo.</source>
        <translation>请选择要撤销的导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone: %1 removed, %2 restored, %3 kept (changed since by a sync or import).</source>
        <translation>已撤销:删除 %1,恢复 %2,保留 %3(之后已被同步或其他导入修改)。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Import from the web console…</source>
        <translation>从网页控制台导入(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>IntegrationView</name>
    <message>
        <location filename="../../app/views/integration/model.py" line="+29"/>
        <source>Refunded automatically when retries end</source>
        <extracomment>An open window with less than this left is shown red (else orange).</extracomment>
        <translation>重试结束仍失败将自动退订退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries end: call it again after your fix</source>
        <translation>重试结束后需重新启动(修复接口后)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries ended: call it again</source>
        <translation>重试已结束:请重新启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries ended: the order was refunded</source>
        <translation>重试已结束:订单已退订退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ended %1 ago</source>
        <translation>%1前已结束</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../app/views/integration/view.py" line="+399"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>* estimated: the message does not say when KooGallery&apos;s retries end</source>
        <translation>* 估算值:消息未说明云商店何时停止重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/views/integration/view.py" line="-2"/>
        <source>What happens</source>
        <translation>后果</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/views/integration/view.py" line="+4"/>
        <source>Activity</source>
        <translation>接口</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/views/integration/view.py" line="+2"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <location filename="../../app/views/integration/view.py" line="+3"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-33"/>
        <location filename="../../app/views/integration/view.py" line="+11"/>
        <source>Failed this month</source>
        <translation>本月失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Orders of this product whose call failed in %1 (Beijing time), against the delisting rule</source>
        <translation>该商品在 %1(北京时间)调用失败的订单数,对照下架规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/views/integration/view.py" line="-15"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/views/integration/view.py" line="+7"/>
        <source>Called</source>
        <translation>调用时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/views/integration/view.py" line="+6"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Over the rule: delisting risk</source>
        <translation>已超出规则:有下架风险</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Near the rule</source>
        <translation>接近规则上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 more allowed</source>
        <translation>还可失败 %1 单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Failed orders</source>
        <translation>失败订单数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delisting above</source>
        <translation>下架阈值(超过)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standing</source>
        <translation>情况</translation>
    </message>
    <message>
        <location filename="../../app/views/integration/tabs.py" line="+37"/>
        <source>Conformance Tester</source>
        <extracomment>The tabs after the watchdog, in order.</extracomment>
        <translation>生产接口自测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>License Codes and Usage</source>
        <translation>授权码与使用量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Query Order</source>
        <translation>查询订单</translation>
    </message>
    <message>
        <location filename="../../app/views/integration/view.py" line="-342"/>
        <source>success</source>
        <extracomment>The list&apos;s choices: the calls that need the seller, or every call KooGallery still lists.</extracomment>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>authentication failed (signature, token or timestamp)</source>
        <translation>鉴权失败(签名、令牌或时间戳)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid request parameter</source>
        <translation>请求参数不合法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>instance does not exist</source>
        <translation>实例不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>still being processed</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other internal error</source>
        <translation>其他内部错误</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This call already succeeded or was called again; there is nothing to call again.</source>
        <translation>此调用已成功或已重新启动,无需再次重新启动。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The retries of this newInstance ran out: KooGallery unsubscribed and refunded the order, so calling it again would provision an instance nobody pays for.</source>
        <translation>此 newInstance 的重试已结束:云商店已退订并退款,重新启动将开通一个无人付费的实例。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A call-again of this message is waiting in the outbox; wait until it is sent.</source>
        <translation>此消息的重新启动正在发件箱中等待,请等其发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This message is no longer in the cache; sync first.</source>
        <translation>缓存中已没有此消息,请先同步。</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Integration</source>
        <translation>集成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface watchdog</source>
        <translation>生产接口监控</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls that need you</source>
        <translation>需要您处理的调用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every listed call</source>
        <translation>全部调用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call again (重新启动)…</source>
        <translation>重新启动…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the order</source>
        <translation>打开订单</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The interface messages could not be read: %1</source>
        <translation>无法读取生产接口消息:%1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No failed call needs you now.</source>
        <translation>目前没有需要您处理的失败调用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 still retried by KooGallery (the first runs out in %2)</source>
        <translation>%1 个仍在由云商店重试(最早的将在 %2后结束)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 waiting for you to call again</source>
        <translation>%1 个等待您重新启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed calls that need you: %1.</source>
        <translation>需要您处理的失败调用:%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 product(s) over the delisting rule this month.</source>
        <translation>本月有 %1 个商品超出下架规则。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed orders per product this month (%1, Beijing time)</source>
        <translation>本月各商品失败订单数(%1,北京时间)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KooGallery may delist a product with more than %1 failed orders in a month (a rule not confirmed: change the number in Settings).</source>
        <translation>一个月内失败订单超过 %1 单的商品可能被云商店下架(该规则未经确认:可在设置中修改数值)。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a call.</source>
        <translation>请选择一个调用。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>estimated: KooGallery&apos;s message does not say</source>
        <translation>估算值:云商店的消息未说明</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Retries end</source>
        <translation>重试截止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production URL</source>
        <translation>生产地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP status</source>
        <translation>HTTP 状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result code</source>
        <translation>结果码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries so far</source>
        <translation>已重试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 orders of this product in %2 (Beijing time); delisting risk above %3</source>
        <translation>该商品 %2(北京时间)共 %1 单;超过 %3 单有下架风险</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A call-again waits in the outbox.</source>
        <translation>重新启动正在发件箱中等待。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>KooGallery keeps retrying this purchase. Fix your production interface, then call it again before the retries end, or the order is unsubscribed and refunded.</source>
        <translation>云商店正在重试此购买。请修复生产接口,并在重试结束前重新启动,否则订单将被退订并退款。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KooGallery keeps retrying this call for a while. Fix your production interface; when the retries end, the change stays undone until you call it again.</source>
        <translation>云商店会在一段时间内重试此调用。请修复生产接口;重试结束后,在您重新启动之前,该变更不会生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>KooGallery stopped retrying: the buyer&apos;s change is not done. Once your production interface works, call it again.</source>
        <translation>云商店已停止重试:买家的变更尚未完成。生产接口恢复后请重新启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The purchase was refunded; the failure still counts towards this month&apos;s delisting rule.</source>
        <translation>该购买已退款;此次失败仍计入本月的下架规则。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to do: the call succeeded in the end.</source>
        <translation>无需处理:调用最终已成功。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Call again</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask KooGallery to call your production interface again for %1 (%2)? Do it once your interface works.</source>
        <translation>请云商店为 %1(%2)重新调用您的生产接口?请在接口恢复后再操作。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Queued; it is sent when the marketplace answers.</source>
        <translation>已加入队列;云商店响应后发送。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not queued</source>
        <translation>未加入队列</translation>
    </message>
</context>
<context>
    <name>InvoiceActions</name>
    <message>
        <location filename="../../app/views/common/failures.py" line="+18"/>
        <source>The file could not be written: %1</source>
        <extracomment>Failures of background work whose text is already a sentence for the user.</extracomment>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong (%1). The details are in the log.</source>
        <translation>出现问题（%1），详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/actions.py" line="+64"/>
        <source>Sent, but the marketplace refused it: see the draft for the reason.</source>
        <translation>已发送，但被云商店拒绝：原因见发票草稿。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Submitted. The bill&apos;s status changes at the next sync.</source>
        <translation>已提交。账单状态将在下次同步后更新。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+13"/>
        <source>Sent, but the marketplace refused it: see the Outbox area for the reason.</source>
        <translation>已发送，但云商店拒绝了：原因请见“发件箱”。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Returned. The request shows 已退回 at the next sync.</source>
        <translation>已退回。下次同步后申请显示为“已退回”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked. The request shows 已撤销 at the next sync.</source>
        <translation>已撤销。下次同步后申请显示为“已撤销”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Platform-fee invoice requested for %1 (%2).</source>
        <translation>已为 %1 索取平台费发票（%2）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sent %1, refused %2, still waiting %3.</source>
        <translation>已发送 %1 个，被拒绝 %2 个，仍在等待 %3 个。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Queued in the outbox; it is sent when the marketplace answers (%1).</source>
        <translation>已放入发件箱；待云商店响应后自动发送（%1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queued in the outbox; it is sent when the marketplace answers.</source>
        <translation>已放入发件箱；待云商店响应后自动发送。</translation>
    </message>
</context>
<context>
    <name>InvoiceDetail</name>
    <message>
        <location filename="../../app/views/invoices/detail.py" line="+43"/>
        <source>Notice</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requisition No. (申付单号)</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement period (对账期次)</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Invoice amount (开票金额)</source>
        <translation>开票金额</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>In words</source>
        <translation>大写</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Issued</source>
        <translation>通知时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill status</source>
        <translation>账单状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice to</source>
        <translation>购买方（签约主体）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Address and phone</source>
        <translation>地址、电话</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Bank and account</source>
        <translation>开户行及账号</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Send paper invoices to</source>
        <translation>纸质发票寄送地址</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>E-invoice mailbox</source>
        <translation>电子发票邮箱</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Returned invoices (退票) go to</source>
        <translation>退票寄回地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Request</source>
        <translation>开票申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice by</source>
        <translation>开票截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice type</source>
        <translation>发票类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice title (抬头)</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Courier paid by</source>
        <translation>快递费承担方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A refund is pending: no invoice while it lasts.</source>
        <translation>有退款处理中：期间不能开票。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner bill (客户服务商账单)</source>
        <translation>客户服务商账单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoicing list (开票清单)</source>
        <translation>开票清单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Item</source>
        <translation>劳务名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excl. tax</source>
        <translation>不含税金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>价税合计</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The drafts cover the whole notice, one per tax rate.</source>
        <translation>草稿已覆盖整个开票通知，每个税率一张。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draft %1: %2</source>
        <translation>草稿 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>you (from 100 元 the seller pays)</source>
        <translation>您（满 100 元由卖家承担）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer (under 100 元: cash on delivery is allowed)</source>
        <translation>用户（不足 100 元：可到付）</translation>
    </message>
</context>
<context>
    <name>InvoiceFindings</name>
    <message>
        <location filename="../../app/views/invoices/labels.py" line="+21"/>
        <source>This field is required.</source>
        <extracomment>Every template of ``rules.TEMPLATES``, for lupdate (same English, same placeholders).</extracomment>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoice total must be more than zero.</source>
        <translation>发票金额必须大于零。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoice total {total} {currency} differs from the notice&apos;s amount {expected} by {difference}: it must be equal to the cent.</source>
        <translation>发票金额 {total} {currency} 与开票通知金额 {expected} 相差 {difference}：必须精确到分完全一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line {line} has no item name.</source>
        <translation>第 {line} 行没有劳务名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line {line}: amount excl. tax {excl} plus tax {tax} is not the line amount {amount}.</source>
        <translation>第 {line} 行：不含税金额 {excl} 加税额 {tax} 不等于价税合计 {amount}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line {line}: the tax {tax} is not {rate} of {excl} (that would be {expected}); the invoicing software will compute a different amount.</source>
        <translation>第 {line} 行：税额 {tax} 不是 {excl} 的 {rate}（应为 {expected}）；开票软件会算出不同的金额。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The lines have several tax rates ({rates}); make one invoice per tax rate.</source>
        <translation>明细中有多个税率（{rates}）；每个税率须单独开具一张发票。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line {line} has tax rate {line_rate}, the invoice {rate}.</source>
        <translation>第 {line} 行税率为 {line_rate}，发票税率为 {rate}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The notice lists tax rates {rates}, not {rate}.</source>
        <translation>开票通知的税率为 {rates}，没有 {rate}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The currency must be the notice&apos;s currency {expected}, not {found}.</source>
        <translation>币种必须与开票通知一致：{expected}，而不是 {found}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The buyer must be the contracting entity on the notice: {expected}.</source>
        <translation>购买方必须是开票通知上的签约主体：{expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The buyer&apos;s name differs from the notice&apos;s ({expected}) in spaces or character widths; copy it exactly.</source>
        <translation>购买方名称与开票通知（{expected}）在空格或全/半角上不一致；请完全照抄。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The buyer&apos;s tax number must be the notice&apos;s: {expected}.</source>
        <translation>购买方税号必须与开票通知一致：{expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The remarks must contain the payment requisition number (申付单号) {requisition_no}.</source>
        <translation>备注中必须包含申付单号 {requisition_no}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The remarks must contain the settlement period (对账期次) {period}.</source>
        <translation>备注中必须包含对账期次 {period}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The payment requisition number must be the notice&apos;s: {expected}.</source>
        <translation>申付单号必须与开票通知一致：{expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settlement period must be the notice&apos;s: {expected}.</source>
        <translation>对账期次必须与开票通知一致：{expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery asks for the service item {expected}.</source>
        <translation>云商店要求服务项目填写为 {expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A unified social credit code has 18 characters, not {found}.</source>
        <translation>统一社会信用代码为 18 位，而不是 {found} 位。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Characters never used in a unified social credit code: {found}.</source>
        <translation>统一社会信用代码中不会出现这些字符：{found}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This does not start like a unified social credit code (authority, type and a six-digit region code).</source>
        <translation>开头不符合统一社会信用代码的格式（登记管理部门、机构类别和六位行政区划码）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last character is {found}, but the first 17 call for {expected}: a character was probably mistyped.</source>
        <translation>校验码为 {found}，但按前 17 位应为 {expected}：可能有字符输错。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character 17 is {found}, but the organisation code calls for {expected}: a character was probably mistyped.</source>
        <translation>第 17 位为 {found}，但按组织机构代码应为 {expected}：可能有字符输错。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A SWIFT code has 8 or 11 letters and digits (for example BKCHCNBJ110).</source>
        <translation>SWIFT 代码由 8 或 11 位字母和数字组成（例如 BKCHCNBJ110）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoice date {date} is before the notice was issued ({notice_date}).</source>
        <translation>开票日期 {date} 早于开票通知日期（{notice_date}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoice date {date} is in the future.</source>
        <translation>开票日期 {date} 晚于今天。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A VAT invoice number has 8 digits (paper) or 20 digits (digital invoice).</source>
        <translation>增值税发票号码为 8 位（纸质发票）或 20 位（数电票）数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery recommends an invoice number made of digits only.</source>
        <translation>云商店建议发票号码只使用数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No courier tracking number: right for an e-invoice; a paper invoice needs one.</source>
        <translation>没有快递单号：电子发票无需填写；纸质发票需要。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No seal or signature image in the company profile: sign or stamp the printed invoice.</source>
        <translation>公司信息中没有公章或签名图片：请在打印的发票上签字或盖章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill is “{status}”: Huawei expects invoices for bills awaiting an invoice (待开票).</source>
        <translation>账单状态为“{status}”：华为只接收“待开票”账单的发票。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No invoice yet for tax rate {rate} ({amount}).</source>
        <translation>税率 {rate}（{amount}）还没有发票。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoices together total {total}, the notice {expected}.</source>
        <translation>各发票合计 {total}，开票通知金额为 {expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s request is “{status}”: only a request waiting for its invoice (待开票) is invoiced.</source>
        <translation>用户的申请为“{status}”：只有待开票的申请才能开票。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A refund of this order is pending: no invoice while it lasts (§6.5).</source>
        <translation>此订单有退款处理中：期间不能开票（§6.5）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A paper invoice needs the courier tracking number.</source>
        <translation>纸质发票需要填写快递单号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A 客户服务商 issues a VAT special invoice (专票) to Huawei only, never an international or ordinary invoice.</source>
        <translation>客户服务商只向华为开具增值税专用发票（专票），不能开国际发票或普票。</translation>
    </message>
</context>
<context>
    <name>InvoiceLabels</name>
    <message>
        <location filename="../../app/cli/invoice.py" line="-96"/>
        <location filename="../../app/views/invoices/labels.py" line="+4"/>
        <source>Draft</source>
        <extracomment>A draft&apos;s state as the window&apos;s Invoices area names it (its words, context InvoiceLabels).</extracomment>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/labels.py" line="+1"/>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/labels.py" line="+1"/>
        <source>Submitted (in the outbox)</source>
        <translation>已提交（发件箱中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/labels.py" line="+1"/>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/labels.py" line="+1"/>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/views/invoices/labels.py" line="+1"/>
        <source>Cancelled by red-letter invoice (红字)</source>
        <translation>已红冲（红字发票）</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/labels.py" line="+3"/>
        <source>VAT special invoice (China)</source>
        <translation>增值税专用发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>International invoice</source>
        <translation>国际发票</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seller: company name</source>
        <extracomment>What each draft field is called in messages that are not shown next to the field.</extracomment>
        <translation>销售方：名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: tax number</source>
        <translation>销售方：纳税人识别号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: address</source>
        <translation>销售方：地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: phone</source>
        <translation>销售方：电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: bank</source>
        <translation>销售方：开户行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: bank account</source>
        <translation>销售方：账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: SWIFT code</source>
        <translation>销售方：SWIFT 代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: beneficiary</source>
        <translation>销售方：收款人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller: bank address</source>
        <translation>销售方：银行地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: name</source>
        <translation>购买方：名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: tax number</source>
        <translation>购买方：纳税人识别号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: address</source>
        <translation>购买方：地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: phone</source>
        <translation>购买方：电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: bank</source>
        <translation>购买方：开户行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer: bank account</source>
        <translation>购买方：账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines</source>
        <translation>发票明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>价税合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requisition No.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement period</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service item</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice No.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courier tracking No.</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice form</source>
        <translation>发票样式</translation>
    </message>
</context>
<context>
    <name>InvoicePrinting</name>
    <message>
        <location filename="../../app/views/invoices/printing.py" line="+78"/>
        <source>The invoice PDF could not be read.</source>
        <translation>无法读取发票 PDF。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The printer refused a new page.</source>
        <translation>打印机无法开始新的一页。</translation>
    </message>
</context>
<context>
    <name>InvoiceTreeModel</name>
    <message>
        <location filename="../../app/views/invoices/tree_model.py" line="+39"/>
        <source>Requisition No. (申付单号)</source>
        <extracomment>A customer&apos;s invoice request (给用户开票, §6.5): the request, order, title, what was asked for, by when the seller invoices (7 Beijing days) and the request&apos;s status.</extracomment>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period (对账期次)</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice amount</source>
        <translation>开票金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice to</source>
        <translation>签约主体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax rates</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill status / draft</source>
        <translation>账单状态 / 草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request / draft</source>
        <translation>开票申请 / 草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice title (抬头)</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice type</source>
        <translation>发票类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice by</source>
        <translation>开票截止</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Request status / draft</source>
        <extracomment>Role holding (&quot;notice&quot;, notice id) or (&quot;draft&quot;, draft id) for every row.</extracomment>
        <translation>申请状态 / 草稿</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>InvoicesView</name>
    <message>
        <location filename="../../app/views/invoices/print_actions.py" line="+109"/>
        <source> (and %1 more)</source>
        <translation>（另有 %1 个问题）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not printed: fix these first (open the draft to see every problem).</source>
        <translation>未打印：请先修正以下问题（打开草稿可查看全部问题）。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 invoice(s) printed.</source>
        <translation>已打印 %1 张发票。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 invoice(s) sent to the printer (%2 pages).</source>
        <translation>已将 %1 张发票发送到打印机（共 %2 页）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save Invoices as PDF</source>
        <translation>将发票另存为 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/area_registry.py" line="+7"/>
        <location filename="../../app/views/invoices/view.py" line="+214"/>
        <source>Invoices</source>
        <extracomment>Collections whose change makes the list stale. The other tabs (the area&apos;s first view holds them): partner bills, customer requests.</extracomment>
        <translation>发票</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/view.py" line="+125"/>
        <source>Not available until the cache is open.</source>
        <translation>本地缓存打开后才可使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one or more invoice notices (开票通知) first.</source>
        <translation>请先选择一个或多个开票通知。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a draft first (Create Drafts makes them from a notice).</source>
        <translation>请先选择一份草稿（“创建草稿”可根据开票通知生成）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select exactly one draft.</source>
        <translation>请只选择一份草稿。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No submission is waiting in the outbox.</source>
        <translation>发件箱中没有等待发送的提交。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No invoice notice (开票通知) in the cache yet. When KooGallery asks for an invoice, the notice arrives with the next sync and is listed here.</source>
        <translation>缓存中还没有开票通知。KooGallery 要求开票时，开票通知会随下一次同步到达并列在这里。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a notice to see what it asks for, then Create Drafts: one draft per tax rate. Double-click a draft to edit it.</source>
        <translation>选择一个开票通知查看其要求，然后点击“创建草稿”：每个税率一份草稿。双击草稿即可编辑。</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>%1 draft(s) made, one per tax rate.</source>
        <translation>已生成 %1 张草稿，每个税率一张。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every tax rate of the selected notices has a draft already (%1).</source>
        <translation>所选开票通知的每个税率都已有草稿（%1 张）。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 draft(s) deleted.</source>
        <translation>已删除 %1 张草稿。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Create Drafts</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One draft per tax rate of each selected notice</source>
        <translation>为所选开票通知的每个税率各生成一张草稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected draft; each problem shows next to its field</source>
        <translation>编辑所选草稿；每个问题显示在对应字段旁</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected invoices with their invoicing lists (开票清单)</source>
        <translation>所选发票及其开票清单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print the selected invoices with their invoicing lists (开票清单)</source>
        <translation>打印所选发票及其开票清单</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="-377"/>
        <source>Select one issued invoice that was refused or sent back (退票).</source>
        <translation>请选择一张被拒收或退回（退票）的已开发票。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select one or more customer invoice requests (开票申请) first.</source>
        <translation>请先选择一条或多条用户开票申请。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select one or more partner bills (客户服务商账单) first.</source>
        <translation>请先选择一张或多张客户服务商账单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select one customer invoice request first.</source>
        <translation>请先选择一条用户开票申请。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No customer invoice request (给用户开票) in the cache yet. When a buyer asks for an invoice of a 通用 order, the request arrives with the next sync; you invoice within 7 days (Beijing dates).</source>
        <translation>缓存中还没有用户开票申请（给用户开票）。买家为通用商品订单申请发票后，申请会随下次同步到达；您需在 7 天内开票（按北京时间日期计）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No partner bill (客户服务商账单) in the cache. As a 客户服务商 you invoice Huawei for each bill with a VAT special invoice (专票) and its invoicing list.</source>
        <translation>缓存中没有客户服务商账单。作为客户服务商，您需为每张账单向华为开具增值税专用发票（专票）并附开票清单。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing is waiting for an invoice (待开票). Untick the filter to see them all.</source>
        <translation>没有待开票的记录。取消勾选筛选即可查看全部。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a request to see what the customer asked for, then Create Draft: the invoice is made out to the request&apos;s title for the full order amount.</source>
        <translation>选择一条申请查看用户的要求，然后点“生成草稿”：发票按申请的抬头、订单全额开具。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Return Customer Invoice</source>
        <translation>退回用户发票</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke Invoice Request</source>
        <translation>撤销开票申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason (the customer sees it):</source>
        <translation>原因（用户可以看到）：</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Red-letter invoice %1 recorded; a new draft was made to issue again.</source>
        <translation>已登记红字发票 %1；已生成新草稿以便重新开具。</translation>
    </message>
    <message>
        <location line="+196"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the selected invoices as one PDF</source>
        <translation>将所选发票保存为一个 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record and Submit…</source>
        <translation>登记并提交…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the invoice number, date and courier number, then submit</source>
        <translation>登记发票号码、开票日期和快递单号，然后提交</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send Waiting</source>
        <translation>发送待发发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the submissions waiting in the outbox now</source>
        <translation>立即发送发件箱中等待的提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete Draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected drafts</source>
        <translation>删除所选草稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company Profile…</source>
        <translation>公司信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your company as printed on invoices</source>
        <translation>发票上打印的贵公司信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Platform-Fee Invoice…</source>
        <translation>平台费发票…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask Huawei for the invoice of the platform fee of paid 通用 bills (平台费发票)</source>
        <translation>为已付款的通用商品账单向华为云索取平台费发票</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record Red-Letter…</source>
        <translation>登记红字发票…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An issued invoice was refused or sent back (退票): record the red-letter invoice (红字) that cancels it and draft it again</source>
        <translation>已开具的发票被拒收或退回（退票）：登记冲销它的红字发票，并重新生成草稿</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return the customer&apos;s issued invoice (退回)</source>
        <translation>退回已开给用户的发票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the customer&apos;s invoice request (撤销)</source>
        <translation>撤销用户的开票申请</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create Draft</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The invoice to the customer: the request&apos;s title, the full order amount</source>
        <translation>开给用户的发票：申请的抬头，订单全额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To Huawei (开票通知)</source>
        <translation>开给华为（开票通知）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To customers (给用户开票)</source>
        <translation>给用户开票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner bills (客户服务商)</source>
        <translation>客户服务商账单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only waiting for an invoice (待开票)</source>
        <translation>仅显示待开票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List only the notices whose bill still waits for your invoice</source>
        <translation>只列出账单仍在等待您开票的开票通知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice actions</source>
        <translation>发票操作</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <location filename="../../app/views/outbox/journal.py" line="+53"/>
        <source>queued</source>
        <extracomment>The newest entries shown (the export and Verify always cover the whole journal).</extracomment>
        <translation>已排队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discarded</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gave up</source>
        <translation>已停止重试</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location line="+83"/>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No entry was changed, removed or reordered. Entries checked: %1; the newest is #%2 with hash %3… (removing the newest entries cannot be seen here: compare with an exported copy).</source>
        <translation>没有被修改、删除或调换顺序的条目。已检查 %1 条；最新为 #%2，哈希 %3…（此处无法发现最新条目被删除：请与导出的副本比对）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The journal was changed: %1. Entries from that one on cannot be trusted.</source>
        <translation>操作日志已被改动：%1。从该条起的记录不可信。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the Journal</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>That did not work: %1</source>
        <translation>操作未成功：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Verify</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-check every entry&apos;s hash: editing, deleting or reordering any past entry is found</source>
        <translation>重新校验每条记录的哈希：任何历史记录被修改、删除或调换顺序都会被发现</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>LicensePanel</name>
    <message>
        <location filename="../../app/views/integration/license_panel.py" line="+61"/>
        <source>{code}: activated ({status}); order {order}, expires {expire}</source>
        <translation>{code}:已激活({status});订单 {order},到期 {expire}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{code}: already activated on {when} ({status}); expires {expire}</source>
        <translation>{code}:已于 {when} 激活({status});到期 {expire}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{code}: {status}; activated {when}, expires {expire}</source>
        <translation>{code}:{status};激活于 {when},到期 {expire}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{code}: {meaning} ({error})</source>
        <translation>{code}:{meaning}({error})</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>License code (License 2.0)</source>
        <translation>授权码(联营License 2.0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Code:</source>
        <translation>授权码(&amp;C):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the code the buyer gave you</source>
        <translation>买家提供给您的授权码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Activate</source>
        <translation>激活(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activate the code at KooGallery (once; a second activation is refused)</source>
        <translation>在云商店激活该授权码(仅一次;再次激活会被拒绝)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Query</source>
        <translation>查询(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask KooGallery for the code&apos;s status and times</source>
        <translation>向云商店查询授权码的状态和时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage push (pay-per-use)</source>
        <translation>使用量推送(按需计费)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no file chosen (CSV or XLSX)</source>
        <translation>未选择文件(CSV 或 XLSX)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records per request:</source>
        <translation>每次请求的记录数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery&apos;s pages give 100 or 1000 (unconfirmed); 100 is safe</source>
        <translation>云商店文档给出100或1000(未经证实);100更稳妥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Push</source>
        <translation>推送(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metering_sn</source>
        <translation>计量流水号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../app/views/supervision/view.py" line="+380"/>
        <source>A license code is 1 to 64 characters without blanks.</source>
        <translation>授权码为1到64个字符,不含空格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a license code.</source>
        <translation>请输入授权码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a profile first.</source>
        <translation>请先打开一个配置。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../../app/views/supervision/view.py" line="+9"/>
        <source>Asking KooGallery…</source>
        <translation>正在询问云商店…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Usage records</source>
        <translation>使用量记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage records (*.csv *.xlsx)</source>
        <translation>使用量记录 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open a cache first: the records go through its outbox.</source>
        <translation>请先打开缓存:记录通过其发件箱发送。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking and sending…</source>
        <translation>正在校验并发送…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>refused here</source>
        <translation>本地拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused by KooGallery</source>
        <translation>被云商店拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting in the outbox</source>
        <translation>在发件箱中等待</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{sent} records sent, {queued} waiting, {refused} refused by KooGallery, {bad} rows refused here</source>
        <translation>已发送 {sent} 条记录,{queued} 条等待中,{refused} 条被云商店拒绝,{bad} 行在本地被拒绝</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>({n} were queued before and are not sent again.)</source>
        <translation>({n} 条此前已排队,不会再次发送。)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending paused: {message}</source>
        <translation>发送已暂停:{message}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/area_registry.py" line="-62"/>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="+489"/>
        <location line="+20"/>
        <source>Edit Profile…</source>
        <translation>编辑账号…</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+15"/>
        <location line="+11"/>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Start a Fresh Cache</source>
        <translation>新建本地缓存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The local cache could not be opened.</source>
        <translation>无法打开本地缓存。</translation>
    </message>
    <message>
        <location filename="../../app/views/area_registry.py" line="-56"/>
        <source>the sandbox</source>
        <extracomment>The window&apos;s attribute for the page; the key when empty. Built on the first visit (see the module&apos;s documentation). What goes on the window&apos;s page stack: the page, or a holder it is built into. The window-state settings (set by :meth:`build`).</extracomment>
        <translation>沙箱</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="+201"/>
        <source>&amp;Sync Now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch what changed on the marketplace (F5)</source>
        <translation>从云商店获取有变化的数据（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel Sync</source>
        <translation>取消同步(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the sync after the current page</source>
        <translation>在当前这一页完成后停止同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Welcome Page</source>
        <translation>显示欢迎页(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report a Problem…</source>
        <translation>报告问题(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About KooGallery Seller Console</source>
        <translation>关于 KooGallery 卖家控制台(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profile</source>
        <translation>账号(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in &amp;New Window</source>
        <translation>在新窗口中打开(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Profile “%1” saved; syncing it now.</source>
        <translation>账号“%1”已保存，正在同步。</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>KooGallery Seller Console</source>
        <translation>KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — Sandbox</source>
        <translation>%1 — 沙箱</translation>
    </message>
</context>
<context>
    <name>OfferDialog</name>
    <message>
        <location filename="../../app/views/partner/offer_dialog.py" line="+63"/>
        <source>Apply for an exclusive offer (申请专属优惠)</source>
        <translation>申请专属优惠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create an exclusive offer (创建专属优惠)</source>
        <translation>创建专属优惠</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 自拓优惠-XX商品-XX折扣</source>
        <translation>例如 自拓优惠-XX商品-XX折扣</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Offer name:</source>
        <translation>优惠名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer account (用户账号):</source>
        <translation>用户账号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>生效时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until:</source>
        <translation>失效时间：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add product</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove product</source>
        <translation>移除商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Products and the customer&apos;s discount (0.85 = 85% of the list price; 1 = a 100% partner discount):</source>
        <translation>商品及客户折扣（0.85 = 目录价的 85%，即 85 折；1 = 100% 伙伴折扣）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Beyond my authorised discount: submit a special business request (提交特殊商务申请 / 转人工处理)</source>
        <translation>超出我的授权折扣：提交特殊商务申请（转人工处理）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason for the approver</source>
        <translation>给审批人的理由</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Within your authorised discount (授权折扣, shown under the product&apos;s 成交价分成) KooGallery approves the offer at once. Beyond it, the request waits for manual approval (审批中) and can be revoked until then. The console does not see your authorised discounts: a plain application beyond them is refused.</source>
        <translation>在授权折扣（见商品的成交价分成）以内，云商店立即审批通过。超出时，申请进入人工审批（审批中），审批前可以撤销。控制台看不到您的授权折扣：超出授权折扣的普通申请会被拒绝。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>100% partner discount: the conditions</source>
        <translation>100% 伙伴折扣：条件</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>OfferWords</name>
    <message>
        <location filename="../../app/views/partner/offer_words.py" line="+17"/>
        <source>The offer needs a name (优惠名称); the customer sees it.</source>
        <translation>请填写优惠名称，客户可以看到它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the customer&apos;s account (用户账号): only that account can use the offer.</source>
        <translation>请填写用户账号：只有该账号可以使用此优惠。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The effective time must be later than now.</source>
        <translation>生效时间必须晚于当前时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The offer must end after it starts.</source>
        <translation>优惠的结束时间必须晚于生效时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add at least one product with its discount.</source>
        <translation>请至少添加一个商品及其折扣。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the discount must be more than 0 and at most 1 (1 = list price).</source>
        <translation>%1：折扣必须大于 0 且不超过 1（1 = 目录价）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A special business request (转人工处理) needs a reason for the approver.</source>
        <translation>特殊商务申请（转人工处理）需要填写给审批人的理由。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A 100% partner discount is not possible: the customer has exclusive offer %1 for this product, effective now or within 24 hours.</source>
        <translation>不能申请 100% 伙伴折扣：客户在该商品上已有专属优惠 %1，已生效或将在 24 小时内生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm that the customer is bound to you (condition 1).</source>
        <translation>请确认客户已与您建立绑定关系（条件 1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm that you agreed with the customer to pick you on the order page (condition 3).</source>
        <translation>请确认已与客户约定在下单界面选择您（条件 3）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only an offer under approval (审批中) can be revoked.</source>
        <translation>只有审批中的优惠可以撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An earlier action on this record is waiting in the outbox; wait until it is sent.</source>
        <translation>此记录的上一个操作还在发件箱中等待，请等它发送后再操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This offer is not in the cache; sync first.</source>
        <translation>本地缓存中没有此优惠，请先同步。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s name (客户名称) is required.</source>
        <translation>请填写客户名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demand needs a name (客户需求名称).</source>
        <translation>请填写客户需求名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the seller&apos;s joint-operation (联营) product.</source>
        <translation>请选择商家的联营商品。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a demand a partner (客户服务商) submitted can be edited.</source>
        <translation>只有客户服务商提交的需求可以编辑。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a demand waiting for acceptance or in conversion can be edited.</source>
        <translation>只有待接收或需求转化中的需求可以编辑。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An exclusive offer (专属优惠) exists for this demand: its details are locked.</source>
        <translation>此需求已有专属优惠，其信息已锁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An exclusive offer is created for a demand in conversion (需求转化中).</source>
        <translation>只能为需求转化中的需求创建专属优惠。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1. The customer is already bound to you (客户已与客户服务商建立绑定关系). The console cannot see your bindings; KooGallery checks it when you apply.</source>
        <translation>1. 客户已与客户服务商建立绑定关系。控制台看不到您的绑定关系；申请时由云商店校验。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>2. The customer has no exclusive offer for this product that is effective or takes effect within 24 hours (checked in this cache as of the last sync; KooGallery checks it again).</source>
        <translation>2. 客户在该商品上没有已生效或 24 小时内生效的专属优惠（按上次同步的本地缓存检查；云商店会再次校验）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>3. The customer picks you on the order page when ordering (在下单界面选择与之绑定). Nobody can check this before the order: agree it with the customer.</source>
        <translation>3. 客户下单时在下单界面选择与之绑定的客户服务商。下单前无人能校验此项：请与客户事先约定。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not met: offer %1</source>
        <translation>不满足：已有优惠 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You confirm</source>
        <translation>由您确认</translation>
    </message>
    <message>
        <location filename="../../app/views/partner/offers.py" line="+37"/>
        <source>Not queued</source>
        <translation>未加入发件箱</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../../app/views/orders/detail.py" line="+47"/>
        <source>%1 year</source>
        <extracomment>A line&apos;s period (periodType year | month | day), one and more (no numerus: the pending translations of issue 13 carry plain strings).</extracomment>
        <translation>%1 年</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 years</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 month</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 day</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Select an order to see its details.</source>
        <translation>选择一个订单查看详情。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading order %1…</source>
        <translation>正在加载订单 %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order %1 is no longer in the local cache.</source>
        <translation>订单 %1 已不在本地缓存中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order could not be read: %1</source>
        <translation>无法读取该订单：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Product class</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision</source>
        <translation>服务监管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>购买时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After discount</source>
        <translation>成交价</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took effect</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervision node</source>
        <translation>监管节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open supervision task</source>
        <translation>打开服务监管任务</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why not billed?</source>
        <translation>为什么未出账?</translation>
    </message>
</context>
<context>
    <name>OrderLabels</name>
    <message>
        <location filename="../../app/views/orders/labels.py" line="+28"/>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New purchase</source>
        <translation>新购</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trial</source>
        <translation>试用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trial to paid</source>
        <translation>试用转正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribe</source>
        <translation>退订</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renewal</source>
        <translation>续费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscription</source>
        <translation>包周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-time</source>
        <translation>一次性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage package</source>
        <translation>按需套餐包</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
</context>
<context>
    <name>OrderQueryPanel</name>
    <message>
        <location filename="../../app/views/integration/order_query_panel.py" line="+112"/>
        <source>&amp;Order ID:</source>
        <translation>订单号(&amp;O):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Line ID:</source>
        <translation>订单行号(&amp;L):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional: one line</source>
        <translation>可选:某一订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test orders:</source>
        <translation>测试订单:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KooGallery&apos;s MOCK orders…</source>
        <translation>云商店 MOCK 订单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Query KooGallery</source>
        <translation>向云商店查询(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery</source>
        <translation>云商店</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>An order or line ID is 1 to 64 characters without blanks.</source>
        <translation>订单号或订单行号为1到64个字符,不含空格。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a profile first.</source>
        <translation>请先打开一个配置。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Asking KooGallery…</source>
        <translation>正在询问云商店…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Order {id}: {meaning} ({error}): {message}</source>
        <translation>订单 {id}:{meaning}({error}):{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (test order)</source>
        <translation>(测试订单)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {id}{test}: {type}, ordered {when}, buyer {buyer}</source>
        <translation>订单 {id}{test}:{type},下单于 {when},买家 {buyer}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line {id}: {mode}{period}, expires {expire}, amount {amount} (after discount {after})</source>
        <translation>订单行 {id}:{mode}{period},到期 {expire},金额 {amount}(折后 {after})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No cache is open to compare with.</source>
        <translation>没有打开的缓存可供对比。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cache does not hold this order.</source>
        <translation>缓存中没有此订单。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cache agrees with KooGallery (order status {status}, supervision {supervision}).</source>
        <translation>缓存与云商店一致(订单状态 {status},服务监管 {supervision})。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The cache differs from KooGallery:</source>
        <translation>缓存与云商店不一致:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(the line)</source>
        <translation>(该订单行)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>OrdersArea</name>
    <message>
        <location filename="../../app/views/orders/area.py" line="+62"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders (%1)</source>
        <translation>订单（%1）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
</context>
<context>
    <name>OrdersFilterBar</name>
    <message>
        <location filename="../../app/views/orders/filter_bar.py" line="+184"/>
        <source>Search order ID, customer or product</source>
        <extracomment>The date edits show &quot;Any&quot; (no bound) at their minimum date.</extracomment>
        <translation>搜索订单号、客户或商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every word must match: part of a customer or product name, or the start of an order ID or customer ID</source>
        <translation>每个词都须匹配：客户或商品名称的一部分，或订单号、客户 ID 的开头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A product ID, or part of a product name</source>
        <translation>商品 ID，或商品名称的一部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of the customer&apos;s name or account, or a customer ID</source>
        <translation>客户名称或账号的一部分，或客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created from</source>
        <translation>创建时间从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../app/views/orders/view.py" line="+442"/>
        <source>The orders could not be read: %1</source>
        <extracomment>Moving through rows with the keyboard loads the detail once the current row settles. Once orders are listed, every column is as wide as its title and its contents (no cut text), within these bounds (a very long customer or product name is cut rather than pushing the other columns out of sight). The widest amount the Amount column holds without cutting, whatever rows are in view.</extracomment>
        <translation>无法读取订单：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Default columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <location filename="../../app/views/outbox/model.py" line="+26"/>
        <source>Waiting</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Confirm requirement</source>
        <translation>确认需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject requirement</source>
        <translation>驳回需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver</source>
        <translation>交付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appeal</source>
        <translation>发起申诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund decision</source>
        <translation>退订答复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit invoice</source>
        <translation>提交发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept demand</source>
        <translation>接收需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject demand</source>
        <translation>拒绝需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update progress</source>
        <translation>更新进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit solution</source>
        <translation>编辑需求方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close demand</source>
        <translation>关闭需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage push</source>
        <translation>使用量推送</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (申诉原因 / 驳回原因)</source>
        <translation>原因（申诉原因 / 驳回原因）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand (诉求)</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service result description (服务结果描述)</source>
        <translation>服务结果描述</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>uploaded</source>
        <extracomment>The text fields of each kind&apos;s payload that &quot;Fix and Resend&quot; lets the user edit. An invoice is corrected in the Invoices area (its draft), never here. Of those, the ones the marketplace requires (the Resend button waits for them).</extracomment>
        <translation>已上传</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>尚未上传</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>as soon as possible</source>
        <translation>尽快</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Marketplace&apos;s reason</source>
        <translation>云商店给出的原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next try</source>
        <translation>下次尝试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queued</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queued by</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>OutboxProblem</name>
    <message>
        <location filename="../../app/views/outbox_controller.py" line="+81"/>
        <source>The marketplace refused this profile&apos;s keys, so queued actions are not being sent. Fix the keys; sending resumes by itself after the next good sync.</source>
        <extracomment>How often the controller looks for due entries anyway (retry times are also timed exactly). The collections a delivered action changes, by target type (synced after a delivery). Views that follow outbox entries besides the Outbox area (invoice drafts show their entry).</extracomment>
        <translation>云商店拒绝了此配置的密钥，排队的操作暂停发送。请修正密钥；下一次同步成功后会自动恢复发送。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The marketplace cannot be reached. Queued actions wait and are sent when it answers again.</source>
        <translation>无法连接云商店。排队的操作会等待，待云商店恢复响应后发送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queued actions cannot be sent: the connection to the marketplace could not be made.</source>
        <translation>排队的操作无法发送：无法连接云商店。</translation>
    </message>
</context>
<context>
    <name>OutboxStatus</name>
    <message>
        <location line="+280"/>
        <source>%1 waiting</source>
        <translation>%1 个等待发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs attention</source>
        <translation>%1 个需要处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 need attention</source>
        <translation>%1 个需要处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outbox: nothing waiting</source>
        <translation>发件箱：无待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbox: %1</source>
        <translation>发件箱：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Uploading “%1”: %2 of %3</source>
        <translation>正在上传“%1”：%2 / %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending “%1”…</source>
        <translation>正在发送“%1”…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>(offline)</source>
        <translation>（离线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the outbox: actions waiting for the marketplace</source>
        <translation>打开发件箱：等待发送到云商店的操作</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../app/views/outbox/view.py" line="+169"/>
        <source>Outbox (%1)</source>
        <extracomment>Rows listed at most (newest first); the outbox of one console stays far below this.</extracomment>
        <translation>发件箱 (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Sending what waits…</source>
        <translation>正在发送等待的操作…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already sending; everything waiting is sent next.</source>
        <translation>正在发送中；所有等待的操作将随后发送。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Queued again: it is sent now.</source>
        <translation>已重新排队，正在发送。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discard the Action</source>
        <translation>放弃此操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard “%1”? It will never be sent; the journal keeps a record that you discarded it.</source>
        <translation>放弃“%1”？它将不会被发送；操作日志会记录您放弃了它。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Discarded.</source>
        <translation>已放弃。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing queued yet. What you do offline (confirm, deliver, appeal, invoices) waits here until the marketplace has it, and is sent exactly once.</source>
        <translation>暂无排队的操作。离线时的操作（确认、交付、申诉、发票）会在这里等待，直到云商店收到，且只发送一次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The marketplace&apos;s reason: %1</source>
        <translation>云商店给出的原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>上次的问题：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next try: %1</source>
        <translation>下次尝试：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only an action that was not delivered can be changed.</source>
        <translation>只有尚未送达的操作才能修改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;State:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet delivered</source>
        <translation>尚未送达</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send &amp;Now</source>
        <translation>立即发送(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send every waiting action now, without waiting for its retry time</source>
        <translation>立即发送所有等待的操作，不等待重试时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fix and Resend…</source>
        <translation>修正并重新发送(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard…</source>
        <translation>放弃(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Record</source>
        <translation>打开记录(&amp;O)</translation>
    </message>
</context>
<context>
    <name>PartnerDemands</name>
    <message>
        <location filename="../../app/views/demands/partner_dialogs.py" line="+39"/>
        <source>Customer name (客户名称):</source>
        <translation>客户名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huawei Cloud account:</source>
        <translation>华为云账号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry:</source>
        <translation>行业：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New customer demand (新增客户需求)</source>
        <translation>新增客户需求</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Expected signing date</source>
        <translation>预计签约日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demand name (客户需求名称):</source>
        <translation>客户需求名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product (联营):</source>
        <translation>商品（联营）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demand type:</source>
        <translation>需求类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opportunity (客户需求空间):</source>
        <translation>客户需求空间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery:</source>
        <translation>交付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main need:</source>
        <translation>主要诉求：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sales contact:</source>
        <translation>销售联系人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales phone:</source>
        <translation>销售电话：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>需求描述：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Edit the customer</source>
        <translation>编辑客户信息</translation>
    </message>
</context>
<context>
    <name>PartnerView</name>
    <message>
        <location filename="../../app/views/partner/columns.py" line="+48"/>
        <location line="+69"/>
        <location line="+11"/>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+86"/>
        <location line="+15"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requisition no.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notice</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice by</source>
        <translation>开票截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice signed for</source>
        <translation>发票签收时间</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+32"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+32"/>
        <source>Transaction</source>
        <translation>交易金额</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash paid</source>
        <translation>订单现金消费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share ratio</source>
        <translation>分成比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>结算金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected</source>
        <translation>应结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction amount</source>
        <translation>交易金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Incentive</source>
        <translation>激励金额</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Offer</source>
        <translation>优惠名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer account</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demand</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer ID</source>
        <translation>优惠编号</translation>
    </message>
    <message>
        <location filename="../../app/views/area_registry.py" line="+103"/>
        <location filename="../../app/views/partner/view.py" line="+153"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location filename="../../app/views/partner/view.py" line="+3"/>
        <source>Incentive bills</source>
        <translation>激励账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance</source>
        <translation>业绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusive offers</source>
        <translation>专属优惠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted demands</source>
        <translation>已提交的客户需求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All bills</source>
        <translation>全部账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic incentive (monthly)</source>
        <translation>基础激励(按月)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Performance incentive (quarterly)</source>
        <translation>业绩考核激励(按季度)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Performance of a day shows after one working day; bills come monthly (basic incentive) and quarterly (performance).</source>
        <translation>当天业绩在 1 个工作日后可见;基础激励账单按月、业绩考核激励账单按季度出具。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All offers</source>
        <translation>全部优惠</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The partner records could not be read: %1</source>
        <translation>无法读取客户服务商数据:%1</translation>
    </message>
    <message>
        <location filename="../../app/cli/check_words.py" line="+27"/>
        <source>%1 line(s) differ</source>
        <translation>%1 行不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines add up to %1</source>
        <translation>各行合计 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/views/partner/columns.py" line="-101"/>
        <source>OK</source>
        <translation>一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each line: 订单现金消费 × 分成比例 (§7). Lines %1, refunds deducted %2, bill amount %3.</source>
        <translation>每行：订单现金消费 × 分成比例（§7）。各行合计 %1，已扣退订 %2，账单金额 %3。</translation>
    </message>
    <message>
        <location filename="../../app/views/partner/offers.py" line="+47"/>
        <source>Apply for an offer…</source>
        <translation>申请专属优惠…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请云商店专属优惠</source>
        <translation>申请云商店专属优惠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose an offer.</source>
        <translation>请选择一个优惠。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Queued; it is sent when the marketplace answers, and the offer shows after the next sync.</source>
        <translation>已加入发件箱；云商店可达时发送，下次同步后显示该优惠。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Revoke the offer</source>
        <translation>撤销优惠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke “%1” (撤销)? It is under approval; revoking withdraws the application.</source>
        <translation>撤销“%1”？它正在审批中，撤销即撤回申请。</translation>
    </message>
</context>
<context>
    <name>PlatformFeeDialog</name>
    <message>
        <location filename="../../app/cli/invoice_words.py" line="-21"/>
        <source>Huawei issues the platform-fee invoice as 数电专票 or 数电普票 only.</source>
        <translation>华为云只以数电专票或数电普票开具平台费发票。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complete the company profile (Invoices ▸ Company Profile…) first: {fields}</source>
        <translation>请先完善公司信息（发票 ▸ 公司信息…）：{fields}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check at least one paid 通用 bill.</source>
        <translation>请至少勾选一张已付款的通用商品账单。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The platform-fee invoice was already requested for {bills}.</source>
        <translation>以下账单已索取过平台费发票：{bills}。</translation>
    </message>
    <message>
        <location filename="../../app/views/invoices/platform_fee_dialog.py" line="+47"/>
        <source>Digital VAT special invoice (数电专票)</source>
        <translation>数电专票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digital ordinary invoice (数电普票)</source>
        <translation>数电普票</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Request Platform-Fee Invoice</source>
        <translation>索取平台费发票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Huawei invoices the platform fee of paid 通用 bills to you (平台费发票). Bills of one requisition (申付单) are requested together; negative orders are always included and reduce the amount.</source>
        <translation>华为云为已付款的通用商品账单向您开具平台费发票。同一申付单的账单一并索取；负向订单始终包含在内，并冲减金额。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement period</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requisition No.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform service fee</source>
        <translation>平台服务费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative orders</source>
        <translation>负向订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested</source>
        <translation>索取状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>already requested</source>
        <translation>已索取</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Invoice type</source>
        <translation>发票类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount of the request</source>
        <translation>索取金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request Invoice</source>
        <translation>索取发票</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No paid 通用 bill in the cache yet: sync first, or wait until a bill is paid.</source>
        <translation>本地缓存中还没有已付款的通用商品账单：请先同步，或等账单付款后再索取。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Requesting…</source>
        <translation>正在索取…</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <location filename="../../app/views/invoices/problems.py" line="+76"/>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Acknowledge</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I checked this; print and submit anyway.</source>
        <translation>我已核对，仍然打印并提交。</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../app/views/profiles_dialog.py" line="+257"/>
        <source>Enter the access key (AK) first.</source>
        <translation>请先输入 AK。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The secret key could not be stored in the keychain, so nothing was saved. What you typed is still here.</source>
        <translation>SK 无法存入系统钥匙串，因此未保存任何内容。您输入的信息仍保留在此。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>The profile could not be saved.</source>
        <translation>账号未能保存。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Give the profile a name, such as “Shop (production)”.</source>
        <translation>请为账号起一个名称，例如“店铺（生产）”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The profiles file cannot be read.</source>
        <translation>无法读取账号配置文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A profile named “%1” exists already.</source>
        <translation>已存在名为“%1”的账号。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the marketplace address, such as https://api.example.com.</source>
        <translation>请输入云商店接入地址，例如 https://api.example.com。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use an https:// address: plain http:// is allowed only for a sandbox on this computer.</source>
        <translation>请使用 https:// 地址：只有本机上的沙箱才允许使用 http://。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace address is not valid: %1</source>
        <translation>接入地址无效：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the access key (AK), without blanks.</source>
        <translation>请输入 AK，不能包含空格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the secret key (SK).</source>
        <translation>请输入 SK。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no usable keychain on this computer, so the secret key cannot be stored. Nothing was saved; what you typed is still here.</source>
        <translation>这台电脑上没有可用的系统钥匙串，无法保存 SK。未保存任何内容，您输入的信息仍保留在此。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The profile is not valid: %1</source>
        <translation>账号信息无效：%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Save the profile without its secret key, and give the keys to the console as the environment variables %1 (access key) and %2 (secret key): on Windows, Start → “Edit environment variables for your account”; on macOS or Linux, ask your IT staff. Then start the console again. The console never writes the secret key to a file.</source>
        <translation>可以不带 SK 保存账号，再通过环境变量 %1（AK）和 %2（SK）把密钥交给控制台：Windows 上在“开始”→“编辑帐户的环境变量”中设置；macOS 或 Linux 上请联系 IT 人员。然后重新启动控制台。控制台从不把 SK 写入文件。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Edit Profile</source>
        <translation>编辑账号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New Profile</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A profile is one KooGallery account: your seller account, or a partner (客户服务商) account. Each profile has its own local cache.</source>
        <translation>每个账号对应一个华为云云商店账号：卖家账号或客户服务商账号。每个账号都有自己的本地缓存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Endpoint:</source>
        <translation>接入地址(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open APIs:</source>
        <translation>开放接口(&amp;O):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Access key (AK):</source>
        <translation>AK(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Secret key (SK):</source>
        <translation>SK(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner (客户服务商)</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Shop (production)</source>
        <translation>例如：店铺（生产）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name cannot be changed later: it names the profile&apos;s cache and keychain entry.</source>
        <translation>名称创建后不能修改：它同时标识该账号的本地缓存和钥匙串条目。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Other… (type the address)</source>
        <translation>其他…（输入地址）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery&apos;s published hosts; choose Other… for another address, such as a service that implements this console&apos;s data API or a sandbox on this computer (http://127.0.0.1:PORT).</source>
        <translation>云商店公布的接入地址；如需其他地址（例如实现本控制台数据接口的服务，或本机上的沙箱 http://127.0.0.1:端口），请选择“其他…”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The endpoint itself (a sandbox)</source>
        <translation>与地址相同(沙箱)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where Query Order, the usage push and license codes are called: KooGallery&apos;s published hosts</source>
        <translation>查询订单、使用量推送和授权码的调用地址:云商店公布的域名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access key ID from Huawei Cloud</source>
        <translation>华为云访问密钥 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored; leave empty to keep it</source>
        <translation>已保存；留空则保持不变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No usable keychain: the secret key cannot be stored on this computer.</source>
        <translation>没有可用的系统钥匙串：无法在这台电脑上保存 SK。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save &amp;Without the Secret Key</source>
        <translation>不带 SK 保存(&amp;W)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The secret key is kept in %1, never in a file, and is not shown again.</source>
        <translation>SK 保存在%1中，不会写入任何文件，保存后也不再显示。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the system keychain…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ProfileSwitcher</name>
    <message>
        <location filename="../../app/views/profile_switcher.py" line="+75"/>
        <source>The profiles file cannot be read.</source>
        <translation>无法读取账号配置文件。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>That profile cannot be opened.</source>
        <translation>无法打开该账号。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Delete Profile</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile “%1”? Its secret key is removed from the keychain. Its cache file stays on this computer.</source>
        <translation>删除账号“%1”？其 SK 将从系统钥匙串中移除，本地缓存文件仍保留在这台电脑上。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The profile could not be deleted completely.</source>
        <translation>账号未能完全删除。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Profile:</source>
        <translation>账号(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="-381"/>
        <location filename="../../app/views/profile_switcher.py" line="+1"/>
        <source>Sandbox (built-in)</source>
        <translation>沙箱（内置）</translation>
    </message>
    <message>
        <location filename="../../app/views/profile_switcher.py" line="+2"/>
        <source>The marketplace account the console shows and syncs</source>
        <translation>控制台当前显示和同步的云商店账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Profile…</source>
        <translation>新建账号(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit Profile…</source>
        <translation>编辑账号(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Profile…</source>
        <translation>删除账号(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../app/views/common/failures.py" line="-20"/>
        <source>The action could not be queued: %1</source>
        <translation>无法加入待发送：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/supervision/dialogs.py" line="-49"/>
        <source>Queuing…</source>
        <translation>正在加入待发送…</translation>
    </message>
</context>
<context>
    <name>RecordDetailsDialog</name>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="-72"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy All</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This record is not in the cache. Sync, then try again.</source>
        <translation>本地缓存中没有这条记录。请先同步，然后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only: as last synced from the marketplace.</source>
        <translation>只读：显示的是上次从云商店同步的内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The record could not be read: %1</source>
        <translation>无法读取该记录：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation log</source>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>RecordListDialog</name>
    <message>
        <location line="+85"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Enter or double-click to open a record.</source>
        <translation>按 Enter 或双击打开记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing the first %1 of %2 records.</source>
        <translation>显示前 %1 条，共 %2 条记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing here right now.</source>
        <translation>目前没有需要处理的记录。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln record(s).</source>
        <translation>
            <numerusform>共 %Ln 条记录。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <location filename="../../app/views/common/titles.py" line="-25"/>
        <location filename="../../app/views/record_dialogs.py" line="-293"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage records</source>
        <translation>使用量记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision task</source>
        <translation>服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer demand</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice notice</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner bill</source>
        <translation>伙伴账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer invoice request</source>
        <translation>用户开票申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform-fee invoice</source>
        <translation>平台费发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusive offer</source>
        <translation>专属优惠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface message</source>
        <translation>生产接口消息</translation>
    </message>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="-1"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order type</source>
        <translation>订单类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order amount</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../app/views/common/titles.py" line="+1"/>
        <location filename="../../app/views/record_dialogs.py" line="+1"/>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="+1"/>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product category</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery type</source>
        <translation>接入类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision status</source>
        <translation>服务监管状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance ID</source>
        <translation>实例 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current node</source>
        <translation>当前节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting on</source>
        <translation>待处理方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node since</source>
        <translation>进入节点时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting since</source>
        <translation>等待起始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frozen by an appeal</source>
        <translation>因申诉冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales scenario</source>
        <translation>销售场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by the buyer</source>
        <translation>买家驳回次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by the seller</source>
        <translation>商家驳回次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Demand</source>
        <translation>需求名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>分配时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept by</source>
        <translation>接收截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected signing</source>
        <translation>预计签约日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand type</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery mode</source>
        <translation>交付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales contact</source>
        <translation>销售联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales phone</source>
        <translation>销售电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main request</source>
        <translation>主要诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment request no.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To node</source>
        <translation>流转至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>you (the seller)</source>
        <translation>商家（您）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nobody (complete)</source>
        <translation>无（已完成）</translation>
    </message>
</context>
<context>
    <name>RedLetterDialog</name>
    <message>
        <location filename="../../app/views/invoices/red_letter_dialog.py" line="+45"/>
        <source>Record Red-Letter Invoice</source>
        <translation>登记红字发票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invoice %1 of %2 (%3 %4) is cancelled by a red-letter invoice (红字); a new draft is made to issue again.</source>
        <translation>%2 开具的发票 %1（%3 %4）由红字发票冲销；将生成新草稿以便重新开具。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Red-letter invoice No.</source>
        <translation>红字发票号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Red-letter confirmation No. (红字确认单)</source>
        <translation>红字确认单编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recording…</source>
        <translation>正在登记…</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../app/views/supervision/dialogs.py" line="+205"/>
        <source>Answer the Refund Request (退订)</source>
        <translation>答复退订申请</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your answer</source>
        <translation>您的答复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+41"/>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Queue Answer</source>
        <translation>加入发件箱</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+36"/>
        <source>No refund request waits for you.</source>
        <translation>没有等待您答复的退订申请。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Approve (同意退订): the order is unsubscribed</source>
        <translation>同意退订：订单将被退订</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuse (拒绝退订)</source>
        <translation>拒绝退订</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The buyer asks for a negotiated refund (协商退订) of %1. Approving unsubscribes the order and returns the money within about 3 hours; refusing needs a reason.</source>
        <translation>买家申请协商退订 %1。同意后订单退订，款项约 3 小时内退回；拒绝须说明原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept the returned goods (确认验收退货)</source>
        <translation>确认验收退货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark 验收异常 (something is wrong with the returned goods)</source>
        <translation>标记验收异常（退回的货物有问题）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The returned goods reached 待验收. Decide by %1: after 15 days the system accepts them and unsubscribes the order. 验收异常 needs a reason (and evidence, if you have it).</source>
        <translation>退货已到待验收。请在 %1 前处理：满 15 天系统将自动验收并退订订单。验收异常须说明原因（如有凭证请附上）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give the reason for the buyer and the platform.</source>
        <translation>请向买家和平台说明原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These files cannot be found: %1</source>
        <translation>找不到这些文件：%1</translation>
    </message>
</context>
<context>
    <name>ReportProblem</name>
    <message>
        <location filename="../../app/views/report_problem.py" line="+51"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is neither a folder nor a .zip file name.</source>
        <translation>%1 既不是文件夹，也不是以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report could not be written: %1</source>
        <translation>无法写入问题报告：%1</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Save the Problem Report</source>
        <translation>保存问题报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report a Problem</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Folder</source>
        <translation>打开所在文件夹(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save As…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The problem report is ready. Send this file to your IT staff or to whoever supports the console: it holds the console&apos;s, Python&apos;s, Qt&apos;s and the system&apos;s versions, your settings, the local caches&apos; schema versions, your profiles&apos; names and endpoints, and the log. Keys, signatures, tokens and passwords are masked (***); none of your orders or bills is in it.</source>
        <translation>问题报告已生成。请把这个文件发送给您的 IT 人员或负责支持本控制台的人员：其中包含控制台、Python、Qt 和操作系统的版本，您的设置，本地缓存的结构版本，各账号的名称和接入地址，以及日志。密钥、签名、令牌和密码均已遮蔽（***）；不含任何订单或账单。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No report was made. Choose Save As… to put it somewhere else.</source>
        <translation>未生成报告。请选择“另存为…”把它保存到其他位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Packing the log and versions into a ZIP in %1…</source>
        <translation>正在把日志和版本信息打包为 ZIP，保存到 %1…</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../app/views/search_box.py" line="+97"/>
        <source>Find an order, task or demand (Ctrl+F)</source>
        <translation>查找订单、服务监管任务或客户需求（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by order, task or demand ID, or by customer name or account.</source>
        <translation>可按订单号、任务号、需求编号，或客户名称、账号搜索。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>No order, task or demand matches “%1”.</source>
        <translation>没有与“%1”匹配的订单、任务或需求。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/views/settings_dialog.py" line="+233"/>
        <source>The settings could not be saved: %1</source>
        <translation>设置未能保存：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The proxy address cannot be used: %1</source>
        <translation>无法使用该代理地址：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the proxy&apos;s user name for its password.</source>
        <translation>请输入与该密码对应的代理用户名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The proxy password could not be stored: there is no usable keychain on this computer, and the console never writes it to a file. Set the environment variable %1 to it instead (ask your IT staff), then start the console again.</source>
        <translation>无法保存代理密码：这台电脑上没有可用的系统钥匙串，而控制台从不把密码写入文件。请改为把环境变量 %1 设置为该密码（可联系 IT 人员），然后重新启动控制台。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sync automatically every:</source>
        <translation>自动同步间隔(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wait for the marketplace up to:</source>
        <translation>等待云商店响应最长(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic sync runs in the background; you can always sync with F5.</source>
        <translation>自动同步在后台进行；随时可以按 F5 手动同步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统的代理设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proxy:</source>
        <translation>使用以下代理：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proxy &amp;address:</source>
        <translation>代理地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User &amp;name:</source>
        <translation>用户名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept in the keychain; leave empty to keep it</source>
        <translation>保存在系统钥匙串中；留空则保持不变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system&apos;s proxy settings are those of Windows (Internet Options) or macOS (System Settings → Network), or the HTTPS_PROXY variable. An automatic configuration script (PAC) is not read: then enter the proxy here. The sandbox on this computer is always reached directly.</source>
        <translation>系统的代理设置指 Windows（Internet 选项）或 macOS（系统设置 → 网络）中的设置，或 HTTPS_PROXY 环境变量。不读取自动配置脚本（PAC）：这种情况下请在此处输入代理。本机上的沙箱始终直接连接。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deadlines</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Urgent (and notify) when less than:</source>
        <translation>少于此时间为紧急（并提醒）(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;oon when less than:</source>
        <translation>少于此时间为即将到期(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delisting risk above (failed orders a month):</source>
        <translation>下架风险阈值(每月失败订单数,超过)(&amp;D):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KooGallery delists products whose production interface fails often; one of its rules says more than 5 failed orders in a month. The number is not confirmed: set what KooGallery tells you.</source>
        <translation>生产接口频繁失败的商品会被云商店下架;其中一条规则称一个月内失败订单超过 5 单。该数值未经确认:请按云商店告知的数值设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wa&amp;rn from (failed orders a month):</source>
        <translation>达到以下数量时提醒(每月失败订单数)(&amp;R):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caches:</source>
        <translation>本地缓存：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs:</source>
        <translation>日志：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings and profiles:</source>
        <translation>设置和账号配置：</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../app/views/invoices/submit_dialog.py" line="+54"/>
        <source>Record and Submit Invoice</source>
        <translation>登记并提交发票</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 · %2 · %3 %4</source>
        <translation>%1 · %2 · %3 %4</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach Scan or E-invoice…</source>
        <translation>附加扫描件或电子发票…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Invoice No.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courier tracking No.</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attachment (optional)</source>
        <translation>附件（可选）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The draft itself has errors: fix them in the editor first.</source>
        <translation>草稿本身有错误：请先在编辑器中修正。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scan or E-invoice</source>
        <translation>扫描件或电子发票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoices (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>发票 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
</context>
<context>
    <name>SupervisionFilterBar</name>
    <message>
        <location filename="../../app/views/supervision/filter_bar.py" line="+106"/>
        <source>Search task, order, customer or product</source>
        <translation>搜索任务、订单、客户或商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose turn</source>
        <translation>当前处理方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product type</source>
        <translation>接入类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario</source>
        <translation>销售场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open tasks whose current node (the buyer&apos;s or yours) has been idle for more than 5 days</source>
        <translation>当前节点（买家或您的）已停留超过 5 天的处理中任务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appeals: any</source>
        <translation>申诉：全部</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appealed</source>
        <translation>有申诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appeal open</source>
        <translation>申诉处理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>SupervisionLabels</name>
    <message>
        <location filename="../../app/views/supervision/labels.py" line="+21"/>
        <source>Buyer</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller (you)</source>
        <translation>商家（您）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huawei Cloud</source>
        <translation>华为云</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody (complete)</source>
        <translation>无(已完成)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Task</source>
        <extracomment>(key, English title) of the task list&apos;s columns.</extracomment>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose turn</source>
        <translation>当前处理方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>进入节点时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>接入类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario</source>
        <translation>销售场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+166"/>
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>Amount</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An appeal is open on this task: nothing can be done until the platform decides.</source>
        <extracomment>``app.services.supervision.actions.REASONS``, for translation.</extracomment>
        <translation>此任务有申诉正在处理：平台处理完成前无法操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervision of this order is complete.</source>
        <translation>该订单的服务监管已完成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not possible at the current node ({node}).</source>
        <translation>当前节点（{node}）不能进行此操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An earlier action on this task is waiting in the outbox; wait until it is sent.</source>
        <translation>此任务之前的操作仍在待发送队列中，请等其发送后再操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An appeal on this task is already being handled.</source>
        <translation>此任务已有申诉正在处理。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file cannot be found (any more).</source>
        <extracomment>``app.services.supervision.preflight.MESSAGES``, for translation.</extracomment>
        <translation>找不到该文件（可能已被移动或删除）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be read: {reason}.</source>
        <translation>无法读取该文件：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of type .{ext} are not accepted; accepted types: {allowed}.</source>
        <translation>不接受 .{ext} 类型的文件；可接受的类型：{allowed}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is {size} MB; the limit is {limit} MB per file.</source>
        <translation>文件大小为 {size} MB，超过单个文件 {limit} MB 的上限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file&apos;s content is not a .{ext} file (it looks like {actual}).</source>
        <translation>文件内容不是 .{ext} 格式（看起来是 {actual}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document cannot be opened: {reason}.</source>
        <translation>无法打开该文档：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PDF is password-protected; the reviewer cannot open it.</source>
        <translation>该 PDF 设有密码，审核人员无法打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No text could be read from the document (a scan?); its content could not be checked.</source>
        <translation>无法从文档中读取文字（扫描件？），未能检查其内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the first {pages} pages were checked.</source>
        <translation>仅检查了前 {pages} 页。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no PDF or DOCX acceptance document whose text could be checked (customer, product and specification names).</source>
        <translation>没有可检查文字的 PDF 或 DOCX 交付验收文档（客户名称、商品名称和规格）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The content of .{ext} files cannot be checked; a PDF or DOCX copy can.</source>
        <translation>无法检查 .{ext} 文件的内容；PDF 或 DOCX 版本可以检查。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer&apos;s name ({expected}) does not appear in the acceptance documents.</source>
        <translation>交付验收文档中没有出现客户名称（{expected}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The product name “{expected}” does not appear in the acceptance documents.</source>
        <translation>交付验收文档中没有出现商品名称“{expected}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The specification “{expected}” does not appear in the acceptance documents.</source>
        <translation>交付验收文档中没有出现规格“{expected}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>基地云 deliveries need at least {minimum} screenshots or remote-delivery records; found {found} screenshot(s) and no record.</source>
        <translation>基地云订单的交付需要至少 {minimum} 张截图或远程交付记录；只找到 {found} 张截图，没有交付记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>基地云 deliveries need at least {minimum} screenshots; found {found}, and images inside RAR archives cannot be counted.</source>
        <translation>基地云订单的交付需要至少 {minimum} 张截图；找到 {found} 张，RAR 压缩包内的图片无法计数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No signature block of the {party} was found (赋能云: the seller, the Huawei project team and the customer all sign).</source>
        <translation>未找到{party}的签字栏（赋能云：商家、华为项目组和客户均需签字）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No Huawei Cloud resource order number was found (赋能云 License-deployment products must state it).</source>
        <translation>未找到华为云资源订单号（赋能云 License 部署类商品必须注明）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No screenshot of the Huawei Cloud resource order was found (赋能云 License-deployment products need one).</source>
        <translation>未找到华为云资源订单截图（赋能云 License 部署类商品必须提供）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image cannot be read: {reason}.</source>
        <translation>无法读取图片：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image is only {width}×{height} pixels: too small to be a readable screenshot.</source>
        <translation>图片只有 {width}×{height} 像素，太小，不是可辨认的截图。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>赋能云 deliveries need the industry-cloud platform&apos;s user-authorization screenshot (…业云平台用户授权截图); no image was found among the files.</source>
        <translation>赋能云交付需要行业云平台用户授权截图；文件中未找到任何图片。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Found {found} image(s). Whether one is the industry-cloud platform&apos;s user-authorization screenshot only a person can judge: check it before delivering.</source>
        <translation>找到 {found} 张图片。其中是否有行业云平台用户授权截图只能由人判断：交付前请核对。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>基地云: whether a screenshot shows the working feature page with the customer&apos;s name ({expected}) only a person can judge: check it before delivering.</source>
        <translation>基地云：截图是否显示带客户名称（{expected}）的软件功能页面只能由人判断：交付前请核对。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The product&apos;s delivery template (商品交付模板) {template} cannot be read: {reason}.</source>
        <translation>无法读取商品交付模板 {template}：{reason}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Items of the product&apos;s delivery template (商品交付模板) do not appear in the acceptance documents: {missing}.</source>
        <translation>验收文档中缺少商品交付模板的以下项目：{missing}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every item of the product&apos;s delivery template (商品交付模板, {count} items) appears in the acceptance documents; whether what is written meets the standard only a person can judge.</source>
        <translation>商品交付模板的所有项目（{count} 项）都出现在验收文档中；所填内容是否达标只能由人判断。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{product_class} {delivery_type} products need a delivery template (商品交付模板); save your copy as {expected} to have the acceptance documents checked against it.</source>
        <translation>{product_class}{delivery_type}商品须有商品交付模板；将您的模板保存为 {expected}，即可按模板检查验收文档。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>seller</source>
        <translation>商家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huawei project team</source>
        <translation>华为项目组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The buyer has had this node for 5 days: you may appeal (old rule, a hint)</source>
        <translation>用户节点已停留 5 天：您可以申诉（旧规则，仅供参考）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your node idle for 5 days: the buyer may appeal (old rule, a hint)</source>
        <translation>您的节点已停留 5 天：用户可能申诉（旧规则，仅供参考）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>180 days since the order: KooGallery reminds the buyer&apos;s Huawei BD and you</source>
        <translation>下单满 180 天：云商店会提醒用户的华为 BD 和您</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The buyer rejected more than 3 times: you may appeal (old rule, a hint)</source>
        <translation>买家驳回超过 3 次：您可申诉（旧规则，仅作提示）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You rejected more than 3 times: the buyer may appeal (old rule, a hint)</source>
        <translation>您驳回超过 3 次：买家可申诉（旧规则，仅作提示）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hardware auto-acceptance, 10 days after the parcel was signed for</source>
        <translation>硬件自动验收：快递签收 10 天后</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed for, but the courier&apos;s recipient phone differs from the buyer&apos;s: KooGallery will not accept automatically. Remind the buyer to confirm acceptance; if they never do, appeal with the delivery proof and the 申诉介入处理承诺函.</source>
        <translation>已签收，但快递收件电话与买家不一致：云商店不会自动验收。请提醒买家确认验收；若买家一直不验收，请附交付凭证和《申诉介入处理承诺函》发起申诉。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed for; whether the courier&apos;s recipient phone matches the buyer&apos;s is not known, so automatic acceptance after 10 days is not certain. Ask the buyer to confirm acceptance.</source>
        <translation>已签收；不知道快递收件电话是否与买家一致，因此 10 天后能否自动验收不确定。请买家确认验收。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The platform decides the appeal (3 working days)</source>
        <translation>平台处理申诉（3 个工作日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The returned goods await your acceptance: confirm them or mark 验收异常 within 15 days, or the system accepts them and unsubscribes the order</source>
        <translation>退货待您验收：请在 15 天内确认验收或标记验收异常，否则系统自动验收并退订订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The buyer asks for a negotiated refund (协商退订): approve or refuse it (no time limit is documented)</source>
        <translation>买家申请协商退订：请同意或拒绝（规则未写明时限）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for your approval</source>
        <extracomment>``app.services.supervision.refunds.RefundState`` values.</extracomment>
        <translation>等待您审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved: order unsubscribed</source>
        <translation>已同意：订单已退订</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goods on their way back</source>
        <translation>货物退回途中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned (待验收): accept or mark 验收异常</source>
        <translation>待验收：请确认验收或标记验收异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return accepted: order unsubscribed</source>
        <translation>退货已验收：订单已退订</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>验收异常: the platform looks into it</source>
        <translation>验收异常：平台处理中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Requirement</source>
        <extracomment>``kind`` of a file on the record (the sandbox&apos;s and this project&apos;s contract, docs/api.md).</extracomment>
        <translation>需求附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acceptance file</source>
        <translation>交付验收件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screenshot / proof</source>
        <translation>截图/交付证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appeal evidence</source>
        <translation>申诉凭证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return evidence</source>
        <translation>退货凭证</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirm Requirement</source>
        <translation>确认需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver</source>
        <translation>交付</translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <location filename="../../app/views/supervision/view.py" line="-249"/>
        <location line="+303"/>
        <source>Export…</source>
        <extracomment>Once tasks are listed, every column is as wide as its title and its contents (the Task column read &quot;SS2611300755O66BD-0000…&quot;), within these bounds (a very long customer or product name is cut rather than pushing the other columns out of sight). The widest amount the Amount column holds without cutting, whatever rows are in view.</extracomment>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>The tasks could not be read: %1</source>
        <translation>无法读取任务：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Supervision</source>
        <translation>服务监管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision (%1 / %2)</source>
        <translation>服务监管 (%1 / %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 tasks wait for you (their current step is yours); %2 tasks in the cache in all.</source>
        <translation>%1 个任务等待您处理（当前节点在您这一方）；缓存中共有 %2 个任务。</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>Queued in the outbox: %1</source>
        <translation>已加入待发送：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Activate License Code</source>
        <translation>激活授权码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The license code the buyer received for order %1:</source>
        <translation>买家为订单 %1 收到的授权码:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save Evidence Package</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing the evidence package…</source>
        <translation>正在生成证据包…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved %1: %2 file(s) included, %3 only listed.</source>
        <translation>已保存 %1：包含 %2 个文件，%3 个仅列出。</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncFailure</name>
    <message>
        <location filename="../../app/views/common/failures.py" line="-74"/>
        <source>The marketplace refused this profile&apos;s keys. Check the access key and the secret key, and that this computer&apos;s clock is right.</source>
        <extracomment>The codes :func:`headline` has words for (the sync&apos;s failures), besides ``unexpected``.</extracomment>
        <translation>云商店拒绝了该账号的密钥。请检查 AK 和 SK，并确认这台电脑的时间准确。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace cannot be reached. You are working offline from the cache; sync again when the network is back.</source>
        <translation>无法连接云商店。您正在离线使用本地缓存；网络恢复后请重新同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace kept answering with errors. What was synced is kept; try again later.</source>
        <translation>云商店持续返回错误。已同步的数据会保留，请稍后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace refused a request. What was synced before is kept.</source>
        <translation>云商店拒绝了一个请求。此前已同步的数据会保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The secret key cannot be read from the system keychain.</source>
        <translation>无法从系统钥匙串读取 SK。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This profile has no secret key yet. Enter it in the profile.</source>
        <translation>该账号还没有 SK，请在账号设置中填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The profile&apos;s marketplace address is not valid. Correct it in the profile.</source>
        <translation>该账号的云商店接入地址无效，请在账号设置中更正。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The local cache could not be written. Nothing was lost from the marketplace.</source>
        <translation>无法写入本地缓存。云商店上的数据没有任何损失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sync stopped because of an unexpected problem. The details are in the log.</source>
        <translation>同步因意外问题而中止，详情请查看日志。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../app/views/sync_controller.py" line="+485"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the sync after the current page</source>
        <translation>在当前这一页完成后停止同步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline: working from the cache, last synced %1</source>
        <translation>离线：正在使用本地缓存，上次同步 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are working with the built-in sandbox marketplace: generated demo data, nothing reaches KooGallery.</source>
        <translation>您正在使用内置的沙箱云商店：数据为生成的演示数据，任何操作都不会发送到华为云云商店。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connecting to the marketplace…</source>
        <translation>正在连接云商店…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Syncing %1 (%2 of %3)</source>
        <translation>正在同步%1（第 %2/%3 项）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the sandbox marketplace…</source>
        <translation>正在准备沙箱云商店…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync cancelled; what was fetched is kept.</source>
        <translation>同步已取消；已获取的数据会保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last sync did not finish.</source>
        <translation>上次同步未完成。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Synced: %Ln record(s) changed.</source>
        <translation>
            <numerusform>同步完成：%Ln 条记录有变化。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced: the cache is up to date.</source>
        <translation>同步完成：本地缓存已是最新。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>TaskDetailPane</name>
    <message>
        <location filename="../../app/views/supervision/detail.py" line="+237"/>
        <source>Select a task to see its flow, log, files and appeals.</source>
        <extracomment>The button of the node 授权码激活: the seller activates the buyer&apos;s license code (issue 14 §2). The last column holds free text (a log&apos;s comment, an appeal&apos;s reason): never narrower than this, or it wraps one character a line; the table scrolls sideways instead.</extracomment>
        <translation>选择一个任务，查看其流程、日志、文件和申诉。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Frozen by an appeal</source>
        <translation>因申诉冻结</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+94"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>since</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Marketplace action: %1</source>
        <translation>云商店操作：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An answer to the refund request is waiting in the outbox.</source>
        <translation>对该退订申请的答复正在发件箱中等待发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve or refuse the negotiated refund (协商退订), or accept the returned goods or mark 验收异常 (15 days).</source>
        <translation>同意或拒绝协商退订，或确认验收退货、标记验收异常（15 天内）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No clock is running for this task.</source>
        <translation>此任务当前没有计时中的期限。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decide by</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>操作方</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+6"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>To</source>
        <translation>目标节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+19"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uploaded</source>
        <translation>上传时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filed</source>
        <translation>发起时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>发起方</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <source>Reason</source>
        <translation>申诉原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opinion</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queued</source>
        <translation>加入时间</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+29"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Marketplace&apos;s answer</source>
        <translation>云商店答复</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Answer Refund…</source>
        <translation>答复退订…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence Package…</source>
        <translation>证据包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activate License Code…</source>
        <translation>激活授权码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activate the buyer&apos;s license code at KooGallery; the task moves on at the next sync</source>
        <translation>在云商店激活买家的授权码;下次同步后任务进入下一节点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A ZIP with an index PDF, the files and their SHA-256 hashes, for a dispute</source>
        <translation>生成 ZIP 证据包：索引 PDF、文件及其 SHA-256 校验值，用于争议处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flow</source>
        <translation>流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation log (操作日志)</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files on the record</source>
        <translation>任务文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appeals (申诉)</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund requests (退订)</source>
        <translation>退订申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your actions in the outbox</source>
        <translation>您在待发送中的操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>已放弃</translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <location filename="../../app/views/help.py" line="-24"/>
        <source>User Guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../app/views/workspace.py" line="+265"/>
        <source>A fresh cache was started. Everything you made was saved to %1 and brought into it; the damaged cache was kept as %2. Sync to fetch the marketplace&apos;s records again.</source>
        <extracomment>The target is already open in another window of this console (one window per profile); this workspace stays on its target and that window comes to the front. Whether another window of the console shows a target (set by :class:`app.views.windows.ConsoleWindows`; a lone window has no other).</extracomment>
        <translation>已新建缓存。您创建的全部内容已保存到 %1 并已带入新缓存；损坏的缓存已保留为 %2。请同步以重新获取云商店的记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A fresh cache was started. What could be read of what you made was saved to %1 and brought into it, but %3 rows could not be read; the damaged cache was kept as %2.</source>
        <translation>已新建缓存。您创建的内容中可读取的部分已保存到 %1 并已带入新缓存，但有 %3 行无法读取；损坏的缓存已保留为 %2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The damaged cache was not set aside, because what you made could not be saved first: %1</source>
        <translation>损坏的缓存未被移走，因为无法先保存您创建的内容：%1</translation>
    </message>
</context>
</TS>

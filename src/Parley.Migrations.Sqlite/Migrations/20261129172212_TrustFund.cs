using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustFund : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AllocationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    RunAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AvailableCents = table.Column<long>(type: "INTEGER", nullable: false),
                    CostCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExchangeRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitsPerUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ValueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Memo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ReversesId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundHeads",
                columns: table => new
                {
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    BankCents = table.Column<long>(type: "INTEGER", nullable: false),
                    AvailableCents = table.Column<long>(type: "INTEGER", nullable: false),
                    CommittedCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundHeads", x => x.ProcessId);
                });

            migrationBuilder.CreateTable(
                name: "Pledges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DonorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DonorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PledgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Earmark = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pledges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TravelApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    StateIso3 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Ldc = table.Column<bool>(type: "INTEGER", nullable: false),
                    Eligible = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TravelApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TravelRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VenueCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TicketCents = table.Column<long>(type: "INTEGER", nullable: false),
                    DsaCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TravelRates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contributions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: true),
                    DonorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DonorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitsPerUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    UsdCents = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reversed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contributions_FundEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "FundEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundLines_FundEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "FundEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Travellers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Funded = table.Column<bool>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EstimateCents = table.Column<long>(type: "INTEGER", nullable: false),
                    CommittedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    DisbursedCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Travellers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Travellers_TravelApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "TravelApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRuns_MeetingId_Id",
                table: "AllocationRuns",
                columns: new[] { "MeetingId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_EntryId",
                table: "Contributions",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ProcessId_DonorCode",
                table: "Contributions",
                columns: new[] { "ProcessId", "DonorCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRates_Currency_Month",
                table: "ExchangeRates",
                columns: new[] { "Currency", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ProcessId_Id",
                table: "FundEntries",
                columns: new[] { "ProcessId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FundEntries_ReversesId",
                table: "FundEntries",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundLines_Commitment",
                table: "FundLines",
                column: "Commitment");

            migrationBuilder.CreateIndex(
                name: "IX_FundLines_EntryId",
                table: "FundLines",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_ProcessId_DonorCode",
                table: "Pledges",
                columns: new[] { "ProcessId", "DonorCode" });

            migrationBuilder.CreateIndex(
                name: "IX_TravelApplications_MeetingId_StateIso3",
                table: "TravelApplications",
                columns: new[] { "MeetingId", "StateIso3" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TravelApplications_ProcessId",
                table: "TravelApplications",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_Travellers_ApplicationId",
                table: "Travellers",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_TravelRates_ProcessId_VenueCode",
                table: "TravelRates",
                columns: new[] { "ProcessId", "VenueCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationRuns");

            migrationBuilder.DropTable(
                name: "Contributions");

            migrationBuilder.DropTable(
                name: "ExchangeRates");

            migrationBuilder.DropTable(
                name: "FundHeads");

            migrationBuilder.DropTable(
                name: "FundLines");

            migrationBuilder.DropTable(
                name: "Pledges");

            migrationBuilder.DropTable(
                name: "Travellers");

            migrationBuilder.DropTable(
                name: "TravelRates");

            migrationBuilder.DropTable(
                name: "FundEntries");

            migrationBuilder.DropTable(
                name: "TravelApplications");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProposalImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProposalImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StateIso3 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SponsorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SponsorIsGroup = table.Column<bool>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Compared = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Report = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalImports_TextVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "TextVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ImportId",
                table: "Proposals",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalImports_VersionId_StateIso3",
                table: "ProposalImports",
                columns: new[] { "VersionId", "StateIso3" });

            migrationBuilder.AddForeignKey(
                name: "FK_Proposals_ProposalImports_ImportId",
                table: "Proposals",
                column: "ImportId",
                principalTable: "ProposalImports",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Proposals_ProposalImports_ImportId",
                table: "Proposals");

            migrationBuilder.DropTable(
                name: "ProposalImports");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_ImportId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Proposals");
        }
    }
}
